using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HydroOxygen.Controller.Tests.Api;

/// <summary>Assertions on the API's problem answers.</summary>
internal static class Problems
{
    /// <summary>A 400 that names <paramref name="field"/> in <c>errors</c> and whose message says <paramref name="says"/>.</summary>
    public static async Task<string> AssertFieldAsync(HttpResponseMessage response, string field, string says)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors does not name '{field}': {problem}");
        var detail = problem.GetProperty("detail").GetString() ?? "";
        Assert.StartsWith(field + ":", detail, StringComparison.Ordinal);
        Assert.Contains(says, detail, StringComparison.Ordinal);
        Assert.Equal(detail, messages[0].GetString());
        return detail;
    }

    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>())!;
    }
}
