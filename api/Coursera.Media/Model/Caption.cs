namespace Coursera.Media.Model;

/// <summary>A WebVTT caption track of an asset, stored as <c>captions/{language}.vtt</c> beside its manifests.</summary>
/// <param name="Language">A BCP 47 tag (<c>en</c>, <c>pt-BR</c>).</param>
public sealed record Caption(string Language, string Label);
