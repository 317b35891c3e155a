namespace Coursera.Events.PersonalData;

/// <summary>
/// How services cooperate on a person's data (schemas in the event catalog). An export is requested on the stream;
/// each service that holds personal data writes its part to the export drop box in the document store
/// (<see cref="DropBoxOwner"/>/<see cref="DropBoxCollection"/>, one document per export and service) and announces it
/// with an event that carries no personal data, so none of it lingers in the stream or in outboxes.
/// </summary>
public static class PersonalDataEvents
{
    public const string ExportRequested = "personal_data.export_requested";
    public const string ExportPart = "personal_data.export_part";
    public const string LearnerErased = "learner.erased";

    public const string DropBoxOwner = "personal_data";
    public const string DropBoxCollection = "export_parts";

    /// <summary>The drop-box document of one service's part of one export.</summary>
    public static string PartId(Guid exportId, string service) => $"{exportId:N}-{service}";
}

public sealed record ExportRequestedData(Guid ExportId, Guid UserId);

public sealed record ExportPartData(Guid ExportId, Guid UserId, string Service);

public sealed record LearnerErasedData(Guid LearnerId, DateTime ErasedAt, bool ByPlatformAdministrator);

/// <summary>One service's part of an export, as it lies in the drop box.</summary>
public sealed class ExportPart
{
    public Guid ExportId { get; set; }
    public Guid UserId { get; set; }
    public string Service { get; set; } = "";
    public System.Text.Json.JsonElement Data { get; set; }
}
