namespace Coursera.Sdk;

// Every generated client reads response bodies as text before parsing them, so that a CourseraApiException always holds
// the raw body, which its problem details are read from (NSwag otherwise parses a declared error body straight from
// the stream and keeps no text). Initialize is the generated constructors' hook.
#pragma warning disable CS1591 // Documented in the generated part.
public partial class CallerClient { partial void Initialize() => ReadResponseAsString = true; }

public partial class CoursesClient { partial void Initialize() => ReadResponseAsString = true; }

public partial class ProgramsClient { partial void Initialize() => ReadResponseAsString = true; }

public partial class EnrollmentsClient { partial void Initialize() => ReadResponseAsString = true; }

public partial class LearningRecordsClient { partial void Initialize() => ReadResponseAsString = true; }

public partial class CertificatesClient { partial void Initialize() => ReadResponseAsString = true; }

public partial class LicencesClient { partial void Initialize() => ReadResponseAsString = true; }

public partial class GradesClient { partial void Initialize() => ReadResponseAsString = true; }

public partial class WebhookEndpointsClient { partial void Initialize() => ReadResponseAsString = true; }
#pragma warning restore CS1591
