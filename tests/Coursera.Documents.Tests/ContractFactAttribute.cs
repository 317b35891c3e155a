using Xunit.Abstractions;
using Xunit.Sdk;

namespace Coursera.Documents.Tests;

/// <summary>
/// A test of the document-store contract. It is declared once on the abstract contract class and runs once per
/// adapter's subclass; unlike <see cref="FactAttribute.Skip"/>, which is fixed where the method is declared, the
/// skip reason here comes from the subclass (<see cref="RequiresEnvironmentVariableAttribute"/>).
/// </summary>
[XunitTestCaseDiscoverer("Coursera.Documents.Tests.ContractFactDiscoverer", "Coursera.Documents.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractFactAttribute : FactAttribute;

public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        [new ContractTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}

public sealed class ContractTestCase : XunitTestCase
{
    [Obsolete("For the test runner's deserialization only.", error: true)]
    public ContractTestCase()
    {
    }

    public ContractTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, displayOptions, testMethod)
    {
    }

    /// <remarks>Computed again after deserialization, in the process that runs the test, from its environment.</remarks>
    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var missing = TestMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentVariableAttribute))
            .Select(a => (string)a.GetConstructorArguments().Single())
            .FirstOrDefault(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)));
        return missing is null ? base.GetSkipReason(factAttribute) : $"{missing} is not set: no server for this adapter.";
    }
}
