using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Valkka.Nodes.Embedding;
using Valkka.Samples.Embedding;

// dotnet run --project samples/Valkka.Samples.Embedding -- --duration 20 --change-after 6 --name embedding-sample
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
var settings = SampleSettings.From(builder.Configuration);
var topology = ShopTopology.Initial(settings.Name);

builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(topology);
builder.Services.AddValkka(topology);
builder.Services.AddHostedService<TopologyChanges>();

await builder.Build().RunAsync();
