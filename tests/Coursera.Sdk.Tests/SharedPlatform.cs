namespace Coursera.Sdk.Tests;

/// <summary>One platform for every test class that drives it: starting the all-in-one host costs seconds.</summary>
[CollectionDefinition(Name)]
public sealed class SharedPlatform : ICollectionFixture<SdkPlatformApp>
{
    public const string Name = "platform";
}
