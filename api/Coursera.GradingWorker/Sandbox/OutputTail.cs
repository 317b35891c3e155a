using System.Text;

namespace Coursera.GradingWorker.Sandbox;

/// <summary>
/// The last characters a grader wrote on one stream. The stream is always read to its end, so that a grader that
/// writes without end cannot block on a full pipe, but only the tail is kept: the result is on the last line and the
/// cause of a crash at the end.
/// </summary>
internal sealed class OutputTail(int limit)
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public async Task CopyAsync(TextReader reader)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            Append(buffer.AsSpan(0, read));
        }
    }

    public void Append(ReadOnlySpan<char> text)
    {
        lock (_gate)
        {
            _text.Append(text);
            // Trimmed in batches, not on every read, so that keeping the tail costs no more than reading.
            if (_text.Length > 2 * limit)
            {
                _text.Remove(0, _text.Length - limit);
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.Length > limit ? _text.ToString(_text.Length - limit, limit) : _text.ToString();
        }
    }
}
