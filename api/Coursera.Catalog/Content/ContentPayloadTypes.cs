using Coursera.Catalog.Courses;
using Coursera.Catalog.Model;
using Coursera.Subgraphs.UserErrors;

namespace Coursera.Catalog.Content;

public sealed class AddModulePayloadType() : MutationPayloadType<ModuleType, Module>("AddModulePayload", "module");

public sealed class MoveModulePayloadType() : MutationPayloadType<ModuleType, Module>("MoveModulePayload", "module");

/// <summary>The module is gone; the payload returns the course it belonged to.</summary>
public sealed class RemoveModulePayloadType() : MutationPayloadType<CourseType, Course>("RemoveModulePayload", "course");

public sealed class AddItemPayloadType() : MutationPayloadType<ItemType, Item>("AddItemPayload", "item");

public sealed class MoveItemPayloadType() : MutationPayloadType<ItemType, Item>("MoveItemPayload", "item");

public sealed class UpdateItemPayloadType() : MutationPayloadType<ItemType, Item>("UpdateItemPayload", "item");

/// <summary>The item is gone; the payload returns the module it belonged to.</summary>
public sealed class RemoveItemPayloadType() : MutationPayloadType<ModuleType, Module>("RemoveItemPayload", "module");
