namespace Coursera.Sdk;

// The generated page types already have Data and NextCursor: declaring the interface is all it takes for the pager.
#pragma warning disable CS1591 // Documented in the generated part.
public partial class PageOfCourse : IPage<Course>;

public partial class PageOfEnterpriseProgram : IPage<EnterpriseProgram>;

public partial class PageOfProgramMember : IPage<ProgramMember>;

public partial class PageOfBulkEnrollmentRow : IPage<BulkEnrollmentRow>;

public partial class PageOfLicence : IPage<Licence>;

public partial class PageOfMemberGrade : IPage<MemberGrade>;

public partial class PageOfWebhookEndpoint : IPage<WebhookEndpoint>;

public partial class PageOfWebhookAttempt : IPage<WebhookAttempt>;
#pragma warning restore CS1591
