namespace Memory.Model;

/// <summary>Identifies one end user inside one tenant: every memory operation is scoped by it, so one tenant's
/// or user's data never reaches another.</summary>
public readonly record struct UserKey(string Tenant, string UserId);
