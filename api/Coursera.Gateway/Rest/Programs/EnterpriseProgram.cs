using System.ComponentModel;

namespace Coursera.Gateway.Rest.Programs;

/// <summary>An organization's program: the courses it pays for, for the learners it adds.</summary>
public sealed record EnterpriseProgram(Guid Id, Guid OrganizationId, string Name, string? Description,
    [property: Description("The courses the program's members may enroll in on the ENTERPRISE track.")] IReadOnlyList<Guid> CourseIds);
