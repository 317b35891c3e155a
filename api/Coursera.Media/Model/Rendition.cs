namespace Coursera.Media.Model;

/// <summary>One rung of an asset's ladder: H.264 video at one size, its folder named <see cref="Name"/> (<c>360p</c>).</summary>
/// <param name="Bandwidth">The peak bit rate (video and audio) in bits per second, as the manifests announce it.</param>
public sealed record Rendition(string Name, int Width, int Height, int Bandwidth);
