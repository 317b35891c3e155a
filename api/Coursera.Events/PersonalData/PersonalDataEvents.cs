namespace Coursera.Events.PersonalData;

/// <summary>
/// How services cooperate on a person's data (schemas in the event catalog). An erasure is requested on the stream
/// (each service erases what it holds; identity then says the account is gone, with a hash of its email so that
/// invitations sent to that address go too). An export is requested on the stream;
/// each service that holds personal data writes its part to the export drop box in the document store
/// (<see cref="DropBoxOwner"/>/<see cref="DropBoxCollection"/>, one document per export and service) and announces it
/// with an event that carries no personal data, so none of it lingers in the stream or in outboxes.
/// </summary>
public static class PersonalDataEvents
{
    public const string ExportRequested = "personal_data.export_requested";
    public const string ExportPart = "personal_data.export_part";
    public const string ErasureRequested = "personal_data.erasure_requested";
    public const string AccountErased = "personal_data.account_erased";

    /// <summary>The partner-facing notice of an erasure, one per partner or organization that knew the learner.</summary>
    public const string LearnerErased = "learner.erased";

    public const string DropBoxOwner = "personal_data";
    public const string DropBoxCollection = "export_parts";

    /// <summary>The drop-box document of one service's part of one export.</summary>
    public static string PartId(Guid exportId, string service) => $"{exportId:N}-{service}";
}

public sealed record ExportRequestedData(Guid ExportId, Guid UserId);

public sealed record ExportPartData(Guid ExportId, Guid UserId, string Service);

public sealed record LearnerErasedData(Guid LearnerId, DateTime ErasedAt, bool ByPlatformAdministrator);

public sealed record ErasureRequestedData(Guid UserId, DateTime RequestedAt, bool ByPlatformAdministrator);

public sealed record AccountErasedData(Guid UserId, string EmailSha256)
{
    /// <summary>How an email is hashed for <see cref="EmailSha256"/>: trimmed, lowercased, UTF-8, SHA-256, lowercase hex.</summary>
    public static string Hash(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));
    }
}

/// <summary>One service's part of an export, as it lies in the drop box.</summary>
public sealed class ExportPart
{
    public Guid ExportId { get; set; }
    public Guid UserId { get; set; }
    public string Service { get; set; } = "";
    public System.Text.Json.JsonElement Data { get; set; }
}
