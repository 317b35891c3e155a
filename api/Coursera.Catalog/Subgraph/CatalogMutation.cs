using Coursera.Catalog.Content;
using Coursera.Catalog.Courses;
using Coursera.Catalog.Specializations;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Catalog.Subgraph;

/// <summary>The catalog's mutations: <c>verbNoun(input: VerbNounInput!): VerbNounPayload!</c>.</summary>
public sealed class CatalogMutation : ObjectGraphType
{
    public CatalogMutation()
    {
        Name = "Mutation";
        this.Mutation<CreateCoursePayloadType, CreateCourseInput, CourseAuthoring>("createCourse", "Creates a draft course.",
            async (s, i, caller, ct) => await s.CreateAsync(i, caller, ct));
        this.Mutation<UpdateCoursePayloadType, UpdateCourseInput, CourseAuthoring>("updateCourse", "Changes the fields given.",
            async (s, i, caller, ct) => await s.UpdateAsync(i, caller, ct));
        this.Mutation<PublishCoursePayloadType, PublishCourseInput, CourseAuthoring>("publishCourse",
            "Makes a course public; it needs a module holding an item.", async (s, i, caller, ct) => await s.PublishAsync(i, caller, ct));
        this.Mutation<ArchiveCoursePayloadType, ArchiveCourseInput, CourseAuthoring>("archiveCourse",
            "Hides a course from the public catalog.", async (s, i, caller, ct) => await s.ArchiveAsync(i, caller, ct));
        this.Mutation<AddModulePayloadType, AddModuleInput, ContentAuthoring>("addModule", null, async (s, i, caller, ct) => await s.AddModuleAsync(i, caller, ct));
        this.Mutation<MoveModulePayloadType, MoveModuleInput, ContentAuthoring>("moveModule", null, async (s, i, caller, ct) => await s.MoveModuleAsync(i, caller, ct));
        this.Mutation<RemoveModulePayloadType, RemoveModuleInput, ContentAuthoring>("removeModule", null,
            async (s, i, caller, ct) => await s.RemoveModuleAsync(i, caller, ct));
        this.Mutation<AddItemPayloadType, AddItemInput, ContentAuthoring>("addItem", null, async (s, i, caller, ct) => await s.AddItemAsync(i, caller, ct));
        this.Mutation<MoveItemPayloadType, MoveItemInput, ContentAuthoring>("moveItem", null, async (s, i, caller, ct) => await s.MoveItemAsync(i, caller, ct));
        this.Mutation<UpdateItemPayloadType, UpdateItemInput, ContentAuthoring>("updateItem", null, async (s, i, caller, ct) => await s.UpdateItemAsync(i, caller, ct));
        this.Mutation<RemoveItemPayloadType, RemoveItemInput, ContentAuthoring>("removeItem", null, async (s, i, caller, ct) => await s.RemoveItemAsync(i, caller, ct));
        this.Mutation<CreateSpecializationPayloadType, CreateSpecializationInput, SpecializationAuthoring>("createSpecialization", null,
            async (s, i, caller, ct) => await s.CreateAsync(i, caller, ct));
        this.Mutation<CreateCourseSessionPayloadType, CreateCourseSessionInput, CourseAuthoring>("createCourseSession", null,
            async (s, i, caller, ct) => await s.CreateSessionAsync(i, caller, ct));
    }
}
