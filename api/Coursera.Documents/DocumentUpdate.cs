using System.Text.Json.Nodes;

namespace Coursera.Documents;

/// <summary>
/// Changes to a document, applied atomically in order: <see cref="Set"/> a field (creating the objects on its path),
/// raise a number to at least a value (<see cref="Max"/>), add to a number (<see cref="Inc"/>; a missing field counts
/// as 0), or remove a field (<see cref="Unset"/>).
/// </summary>
public sealed record DocumentUpdate
{
    private DocumentUpdate(IReadOnlyList<DocumentUpdateOperation> operations) => Operations = operations;

    public IReadOnlyList<DocumentUpdateOperation> Operations { get; }

    public static DocumentUpdate Empty { get; } = new([]);

    public DocumentUpdate Set(string path, object? value) => With(new(DocumentUpdateKind.Set, DocumentPath.Parse(path), DocumentValue.From(value)));

    public DocumentUpdate Max(string path, double value) => With(new(DocumentUpdateKind.Max, DocumentPath.Parse(path), JsonValue.Create(value)));

    public DocumentUpdate Inc(string path, double value) => With(new(DocumentUpdateKind.Inc, DocumentPath.Parse(path), JsonValue.Create(value)));

    public DocumentUpdate Unset(string path) => With(new(DocumentUpdateKind.Unset, DocumentPath.Parse(path), null));

    private DocumentUpdate With(DocumentUpdateOperation operation) => new([.. Operations, operation]);
}

public enum DocumentUpdateKind
{
    Set,
    Max,
    Inc,
    Unset,
}

public sealed record DocumentUpdateOperation(DocumentUpdateKind Kind, DocumentPath Path, JsonNode? Value);
