using Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddGateway();
var app = builder.Build();
app.MapGateway();
app.Run();

/// <summary>Entry point; public so tests can host the real app.</summary>
public partial class Program;
