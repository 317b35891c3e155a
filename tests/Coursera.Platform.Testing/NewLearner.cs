using Coursera.Identity.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Platform.Testing;

/// <summary>A new account with its email confirmed, made in the identity store of a running service: for tests that need many learners.</summary>
public sealed record NewLearner(Guid Id, string Email, string Password)
{
    public static async Task<NewLearner> CreateAsync(IServiceProvider services)
    {
        var learner = new NewLearner(Guid.Empty, $"learner-{Guid.NewGuid():N}@example.org", "a long enough passphrase");
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = new User { UserName = learner.Email, Email = learner.Email, EmailConfirmed = true, DisplayName = "A learner" };
        var created = await users.CreateAsync(user, learner.Password);
        return created.Succeeded
            ? learner with { Id = user.Id }
            : throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
    }
}
