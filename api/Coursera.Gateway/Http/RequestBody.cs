namespace Coursera.Gateway.Http;

/// <summary>
/// Reads a POST body into memory once, within the endpoint's size limit, so that the gateway can look at it before
/// the shared endpoint reads it (from the buffer) again.
/// </summary>
internal static class RequestBody
{
    /// <summary>The body, or null when it is too large or unreadable; the problem response the shared endpoint would give is written then.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContext http, int maxBytes)
    {
        using var buffer = new MemoryStream(http.Request.ContentLength is { } length ? (int)length : 0);
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    await ProblemAsync(http, StatusCodes.Status413PayloadTooLarge, $"The request body exceeds {maxBytes} bytes.");
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException)
        {
            // The client went away or sent a truncated body: its fault, not ours, so no error log.
            await ProblemAsync(http, StatusCodes.Status400BadRequest, "The request body could not be read.");
            return null;
        }

        return buffer.ToArray();
    }

    public static Task ProblemAsync(HttpContext http, int status, string detail) =>
        Results.Problem(statusCode: status, detail: detail).ExecuteAsync(http);
}
