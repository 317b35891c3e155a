using Coursera.Catalog.GraphQL.Types;
using Coursera.Catalog.Model;
using Coursera.GraphQL.UserErrors;

namespace Coursera.Catalog.GraphQL.Mutations;

public sealed class CreateCoursePayloadType() : MutationPayloadType<CourseType, Course>("CreateCoursePayload", "course");

public sealed class UpdateCoursePayloadType() : MutationPayloadType<CourseType, Course>("UpdateCoursePayload", "course");

public sealed class PublishCoursePayloadType() : MutationPayloadType<CourseType, Course>("PublishCoursePayload", "course");

public sealed class ArchiveCoursePayloadType() : MutationPayloadType<CourseType, Course>("ArchiveCoursePayload", "course");

public sealed class AddModulePayloadType() : MutationPayloadType<ModuleType, Module>("AddModulePayload", "module");

public sealed class MoveModulePayloadType() : MutationPayloadType<ModuleType, Module>("MoveModulePayload", "module");

/// <summary>The module is gone; the payload returns the course it belonged to.</summary>
public sealed class RemoveModulePayloadType() : MutationPayloadType<CourseType, Course>("RemoveModulePayload", "course");

public sealed class AddItemPayloadType() : MutationPayloadType<ItemType, Item>("AddItemPayload", "item");

public sealed class MoveItemPayloadType() : MutationPayloadType<ItemType, Item>("MoveItemPayload", "item");

public sealed class UpdateItemPayloadType() : MutationPayloadType<ItemType, Item>("UpdateItemPayload", "item");

/// <summary>The item is gone; the payload returns the module it belonged to.</summary>
public sealed class RemoveItemPayloadType() : MutationPayloadType<ModuleType, Module>("RemoveItemPayload", "module");

public sealed class CreateSpecializationPayloadType()
    : MutationPayloadType<SpecializationType, Specialization>("CreateSpecializationPayload", "specialization");

public sealed class CreateCourseSessionPayloadType()
    : MutationPayloadType<CourseSessionType, CourseSession>("CreateCourseSessionPayload", "courseSession");
