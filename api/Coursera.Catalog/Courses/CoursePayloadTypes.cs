using Coursera.Catalog.Model;
using Coursera.Subgraphs.UserErrors;

namespace Coursera.Catalog.Courses;

public sealed class CreateCoursePayloadType() : MutationPayloadType<CourseType, Course>("CreateCoursePayload", "course");

public sealed class UpdateCoursePayloadType() : MutationPayloadType<CourseType, Course>("UpdateCoursePayload", "course");

public sealed class PublishCoursePayloadType() : MutationPayloadType<CourseType, Course>("PublishCoursePayload", "course");

public sealed class ArchiveCoursePayloadType() : MutationPayloadType<CourseType, Course>("ArchiveCoursePayload", "course");

public sealed class CreateCourseSessionPayloadType()
    : MutationPayloadType<CourseSessionType, CourseSession>("CreateCourseSessionPayload", "courseSession");
