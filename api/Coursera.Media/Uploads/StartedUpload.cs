using Coursera.Media.Model;
using Coursera.Media.Storage;

namespace Coursera.Media.Uploads;

/// <summary>An asset waiting for its source, and where the client sends it.</summary>
public sealed record StartedUpload(Asset Asset, UploadTarget Target, DateTime ExpiresAt);
