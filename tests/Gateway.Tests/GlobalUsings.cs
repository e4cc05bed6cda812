global using System.Net;
global using System.Text.Json.Nodes;
global using Gateway.Tests.Infrastructure;
global using Microsoft.AspNetCore.Builder;
global using Microsoft.AspNetCore.Hosting;
global using Microsoft.Extensions.Configuration;
global using Microsoft.Extensions.DependencyInjection;
global using TestDoubles.OpenAI;
