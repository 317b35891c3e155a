using Microsoft.AspNetCore.Identity;

namespace Coursera.Identity.Model;

/// <summary>A person who signs in: a learner, an instructor, an administrator. Passwords, lockout and TOTP are ASP.NET Core Identity's.</summary>
public sealed class User : IdentityUser<Guid>
{
    public User()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public required string DisplayName { get; set; }

    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;

    public List<Membership> Memberships { get; init; } = [];
}
