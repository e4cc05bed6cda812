namespace Gateway.Upstream;

/// <summary>What the upstream learns of the end user (setting <c>Upstream:ForwardUser</c>): the body's <c>user</c> and
/// <c>safety_identifier</c> (Anthropic: <c>metadata.user_id</c>), and the chat template's <c>user_id</c>. The gateway's
/// own memory is keyed by the real id whichever is chosen.</summary>
public enum UpstreamUserForwarding
{
    /// <summary>A stable keyed hash per tenant and id (32 hex digits): the provider can still tell users apart (abuse
    /// monitoring, caching) without learning who they are. The default.</summary>
    Pseudonymous,

    /// <summary>The id as the app sent it.</summary>
    AsIs,

    /// <summary>Nothing: the fields are removed (the templates' <c>user_id</c> stays the id the app sent).</summary>
    None,
}
