namespace Coursera.Documents.Tests;

/// <summary>
/// The class's <see cref="ContractFactAttribute"/> tests are skipped, with a reason, when the variable is unset:
/// for adapters whose server is not always there (MongoDB, with <c>MONGO_URL</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresEnvironmentVariableAttribute(string variable) : Attribute
{
    public string Variable { get; } = variable;
}
