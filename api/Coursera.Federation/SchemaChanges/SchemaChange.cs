namespace Coursera.Federation.SchemaChanges;

/// <summary>
/// One difference between two versions of a public schema. <see cref="Code"/> and <see cref="Path"/> together name it
/// (<see cref="Id"/>), e.g. <c>FIELD_REMOVED Course.title</c>: the form an acknowledgement of a breaking change takes.
/// </summary>
/// <param name="Path"><c>Type</c>, <c>Type.field</c>, <c>Type.field(argument:)</c>, <c>Enum.VALUE</c>, <c>@directive</c>.</param>
public sealed record SchemaChange(SchemaChangeSeverity Severity, string Code, string Path, string Message)
{
    public string Id => $"{Code} {Path}";
}
