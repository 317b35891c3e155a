namespace Coursera.Samples.Tests;

/// <summary>One platform for both samples' tests: starting the all-in-one host costs seconds.</summary>
[CollectionDefinition(Name)]
public sealed class SharedPlatform : ICollectionFixture<SamplesPlatformApp>
{
    public const string Name = "platform";
}
