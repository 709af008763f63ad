using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Campaign;

/// <summary>
/// A loopback HTTP proxy between the workers and moto. It forwards everything, except: while throttling is on it
/// answers a seeded share of CloudTrail calls with HTTP 400 ThrottlingException (what AWS sends), and during an
/// outage it resets every connection, which for the workers is moto (AWS) being down.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "Proxy-Connection", "Expect", "Content-Length",
    };

    // moto 5.2.1 rolls a failed TransactWriteItems back by restoring deep copies of the tables taken before it
    // started, erasing whatever other request threads wrote meanwhile (seen: a resolved incident whose state still
    // pointed at it). DynamoDB serialises writes to an item; the proxy restores that by letting one write through at
    // a time. Reads are not held.
    private static readonly HashSet<string> DynamoWrites = new(StringComparer.Ordinal)
    {
        "DynamoDB_20120810.TransactWriteItems", "DynamoDB_20120810.PutItem", "DynamoDB_20120810.UpdateItem",
        "DynamoDB_20120810.DeleteItem", "DynamoDB_20120810.BatchWriteItem",
    };

    private readonly SemaphoreSlim _dynamoWrites = new(1, 1);
    private readonly WebApplication _app;
    private readonly HttpClient _moto;
    private readonly Uri _target;
    private readonly Random _random;
    private long _forwarded;
    private long _throttled;
    private long _cut;
    private long _cloudTrailCalls;

    private FaultProxy(WebApplication app, Uri target, int seed)
    {
        _app = app;
        _target = target;
        _random = new Random(seed);
        _moto = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        _app.Run(HandleAsync);
    }

    /// <summary>The proxy's URL: what the workers take for AWS.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Share of CloudTrail calls throttled; 0 turns throttling off.</summary>
    public double ThrottleShare { get; set; }

    /// <summary>True while every connection is reset.</summary>
    public bool Down { get; set; }

    /// <summary>Requests passed to moto.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>CloudTrail calls seen (forwarded or throttled).</summary>
    public long CloudTrailCalls => Interlocked.Read(ref _cloudTrailCalls);

    /// <summary>CloudTrail calls answered with ThrottlingException.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>Requests reset during an outage.</summary>
    public long Cut => Interlocked.Read(ref _cut);

    /// <summary>Starts the proxy on a free loopback port in front of <paramref name="moto"/>.</summary>
    public static async Task<FaultProxy> StartAsync(Uri moto, int seed)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Limits.MaxRequestBodySize = 2 * 1024 * 1024;
        });
        var proxy = new FaultProxy(builder.Build(), moto, seed);
        await proxy._app.StartAsync();
        var address = proxy._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.Endpoint = new Uri(address.TrimEnd('/') + "/");
        return proxy;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _moto.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (Down)
        {
            Interlocked.Increment(ref _cut);
            context.Abort();
            return;
        }

        var target = context.Request.Headers["X-Amz-Target"].ToString();
        if (target.StartsWith("com.amazonaws.cloudtrail", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _cloudTrailCalls);
            if (ShouldThrottle())
            {
                Interlocked.Increment(ref _throttled);
                context.Response.StatusCode = 400;
                context.Response.Headers["X-Amzn-ErrorType"] = "ThrottlingException";
                context.Response.ContentType = "application/x-amz-json-1.1";
                await context.Response.WriteAsync("""{"__type":"ThrottlingException","message":"Rate exceeded"}""");
                return;
            }
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_target, context.Request.Path + context.Request.QueryString));
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        request.Content = new ByteArrayContent(body.ToArray());
        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopHeaders.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        HttpResponseMessage response;
        var serialised = DynamoWrites.Contains(target);
        if (serialised)
        {
            await _dynamoWrites.WaitAsync(context.RequestAborted);
        }

        try
        {
            response = await _moto.SendAsync(request, HttpCompletionOption.ResponseContentRead, context.RequestAborted);
        }
        catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            context.Abort();
            return;
        }
        finally
        {
            if (serialised)
            {
                _dynamoWrites.Release();
            }
        }

        using (response)
        {
            Interlocked.Increment(ref _forwarded);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopHeaders.Contains(name))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    private bool ShouldThrottle()
    {
        var share = ThrottleShare;
        if (share <= 0)
        {
            return false;
        }

        lock (_random)
        {
            return _random.NextDouble() < share;
        }
    }
}
