using MotCua.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddMotCua();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseMotCua();
app.Run();

/// <summary>The host, visible to the in-process HTTP tests.</summary>
public partial class Program;
