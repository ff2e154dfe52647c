using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HydroOxygen.Controller.Cli;

/// <summary>The controller's engineer endpoints refused or could not be reached; the message says why.</summary>
public sealed class ServiceCallException(string message) : Exception(message);

/// <summary>
/// The engineer endpoints of a running controller (<c>/api/service/…</c>), as the command line uses
/// them: Basic authentication with the engineer's name and credential, long timeouts (a tuning run
/// takes about a minute), and every refusal turned into the controller's own sentence.
/// </summary>
public sealed class ServiceClient : IDisposable
{
    private readonly HttpClient _http;

    public ServiceClient(Uri baseAddress, string engineer, string credential, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = baseAddress;
        _http.Timeout = TimeSpan.FromMinutes(10);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{engineer}:{credential}")));

        // The controller's refusals in the engineer's language (the terminal's), not the device's.
        _http.DefaultRequestHeaders.Add("Cookie", $"{Localization.RequestLanguage.CookieName}={Localization.CliLanguage.FromEnvironment()}");
    }

    public Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellation) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), type, cancellation);

    /// <summary>A text answer (a certificate), as the controller sent it.</summary>
    public async Task<string> GetTextAsync(string path, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendRawAsync(request, cancellation).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellation).ConfigureAwait(false);
        return Encoding.UTF8.GetString(bytes);
    }

    public Task<T> PostAsync<TBody, T>(string path, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<T> type, CancellationToken cancellation) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, bodyType) }, type, cancellation);

    public async Task PostAsync(string path, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = NoBody() };
        using var response = await SendRawAsync(request, cancellation).ConfigureAwait(false);
    }

    public Task<T> PostAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellation) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = NoBody() }, type, cancellation);

    public async Task DeleteAsync(string path, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, path) { Content = NoBody() };
        using var response = await SendRawAsync(request, cancellation).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// The controller takes a change only with a JSON content type, even without a body (no web
    /// page from elsewhere can send one): an empty body that says it is JSON.
    /// </summary>
    private static ByteArrayContent NoBody() => new([]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };

    private async Task<T> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> type, CancellationToken cancellation)
    {
        using (request)
        {
            using var response = await SendRawAsync(request, cancellation).ConfigureAwait(false);
            return await response.Content.ReadFromJsonAsync(type, cancellation).ConfigureAwait(false)
                ?? throw new ServiceCallException(Localization.CliLanguage.Text()["Cli.Service.AnsweredNothing", request.RequestUri?.ToString() ?? ""]);
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellation)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellation).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ServiceCallException(Localization.CliLanguage.Text()["Cli.Service.Unreachable", _http.BaseAddress?.ToString() ?? "", ex.Message]);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var (detail, code) = await ProblemDetail(response, cancellation).ConfigureAwait(false);
            var text = Localization.CliLanguage.Text();
            throw new ServiceCallException(response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => text["Cli.Service.CredentialRefused", detail],
                HttpStatusCode.Forbidden => detail,
                HttpStatusCode.TooManyRequests => detail,
                HttpStatusCode.NotFound when request.RequestUri?.OriginalString.StartsWith("api/service", StringComparison.Ordinal) == true
                    && code == nameof(Api.ApiErrorCode.NotFound) => text["Cli.Service.NoEngineerEndpoints"],
                _ => detail,
            });
        }
    }

    /// <summary>The problem answer's <c>detail</c> (in the language asked for) and its machine <c>code</c>.</summary>
    private static async Task<(string Detail, string? Code)> ProblemDetail(HttpResponseMessage response, CancellationToken cancellation)
    {
        var text = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
            {
                var code = document.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                return (detail.GetString()!, code);
            }
        }
        catch (JsonException)
        {
        }

        return ($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null);
    }
}
