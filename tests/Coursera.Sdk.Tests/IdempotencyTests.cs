using System.Net;
using Coursera.Sdk.Tests.Doubles;

namespace Coursera.Sdk.Tests;

/// <summary>POSTs carry an Idempotency-Key, so a retried call does its work once.</summary>
[Collection(SharedPlatform.Name)]
public sealed class IdempotencyTests(SdkPlatformApp platform)
{
    [Fact]
    public async Task A_program_whose_answer_was_lost_is_created_once_by_the_retry()
    {
        await using var sdk = platform.Sdk(inner => new LosesFirstAnswer(inner));
        var client = sdk.Client;
        var name = $"Data literacy {Guid.NewGuid():N}";

        var created = await client.Programs.CreateProgramAsync(platform.OrganizationId,
            new CreateProgramRequest { Name = name, CourseIds = await SdkPlatformApp.CourseIdsAsync(client, 2) });

        var keys = sdk.Transport.PostKeys.ToList();
        Assert.Equal(2, keys.Count);
        Assert.NotNull(keys[0]);
        Assert.Equal(keys[0], keys[1]);
        var programs = new List<EnterpriseProgram>();
        await foreach (var program in client.Programs.ListAllProgramsAsync(platform.OrganizationId))
        {
            programs.Add(program);
        }

        Assert.Equal(created.Id, Assert.Single(programs, p => p.Name == name).Id);
    }

    [Fact]
    public async Task A_key_of_your_own_gets_the_first_answer_again_and_is_refused_for_another_request()
    {
        using var client = new CourseraClient(platform.Options());
        var courses = await SdkPlatformApp.CourseIdsAsync(client, 1);
        var key = $"sync-row-{Guid.NewGuid():N}";
        var request = new CreateProgramRequest { Name = $"Onboarding {key}", CourseIds = courses };

        EnterpriseProgram first, again;
        using (IdempotencyKey.Use(key))
        {
            first = await client.Programs.CreateProgramAsync(platform.OrganizationId, request);
        }

        using (IdempotencyKey.Use(key))
        {
            again = await client.Programs.CreateProgramAsync(platform.OrganizationId, request);
        }

        Assert.Equal(first.Id, again.Id);
        using (IdempotencyKey.Use(key))
        {
            var refused = await Assert.ThrowsAnyAsync<CourseraApiException>(() => client.Programs.CreateProgramAsync(platform.OrganizationId,
                new CreateProgramRequest { Name = "Another program", CourseIds = courses }));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
            Assert.Equal("IDEMPOTENCY_KEY_REUSED", refused.Code);
        }
    }
}
