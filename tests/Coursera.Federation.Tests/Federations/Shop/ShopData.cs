namespace Coursera.Federation.Tests.Federations.Shop;

/// <summary>
/// The data behind the shop federation: one instance per case, shared by its four subgraphs the way their
/// databases would agree on ids. Mutations change it, so every case starts from this state.
/// </summary>
public sealed class ShopData
{
    public Lock Gate { get; } = new();

    public List<ShopUser> Users { get; } =
    [
        new() { Id = "u1", Name = "Ada", OrgId = "o1" },
        new() { Id = "u2", Name = "Brian", OrgId = "o2" },
    ];

    public List<ShopOrg> Orgs { get; } =
    [
        new() { Id = "o1", Name = "Acme" },
        new() { Id = "o2", Name = "Globex" },
    ];

    public List<ShopBook> Books { get; } =
    [
        new() { Id = "b1", Isbn = "isbn-1", Title = "Dune", Amount = 1200, Weight = 500, AuthorId = "u1", InternalCode = "X1" },
        new() { Id = "b2", Isbn = "isbn-2", Title = "Emma", Amount = 900, Weight = 300, AuthorId = "u2", InternalCode = "X2" },
        new() { Id = "b3", Isbn = "isbn-3", Title = "Ulysses", Amount = 1500, Weight = 900, AuthorId = null, InternalCode = "X3" },
    ];

    public List<ShopCourse> Courses { get; } =
    [
        new() { Id = "c1", Title = "GraphQL", Amount = 4900, Lessons = 12 },
    ];

    public List<ShopReview> Reviews { get; } =
    [
        new() { Id = "r1", ProductId = "b1", AuthorId = "u1", Body = "Great", Rating = 5 },
        new() { Id = "r2", ProductId = "b1", AuthorId = "u2", Body = "Long", Rating = 4 },
        new() { Id = "r3", ProductId = "b2", AuthorId = "u1", Body = "Witty", Rating = 5 },
    ];

    /// <summary>
    /// Reachable only through <c>review(id:)</c> and <c>reviewedBooks</c>: r9's book is one the catalog no longer
    /// knows; r8's is the book whose warehouse is closed.
    /// </summary>
    public List<ShopReview> ArchivedReviews { get; } =
    [
        new() { Id = "r8", ProductId = "b3", AuthorId = "u2", Body = "Dense", Rating = 2 },
        new() { Id = "r9", ProductId = "b404", AuthorId = "u2", Body = "Gone", Rating = 1 },
    ];

    /// <summary>Inventory's stock by ISBN; isbn-3's warehouse is down, so asking for it is an error.</summary>
    public Dictionary<string, int> Stock { get; } = new(StringComparer.Ordinal) { ["isbn-1"] = 3, ["isbn-2"] = 0 };

    public ShopBook? Book(string? id) => Books.FirstOrDefault(b => b.Id == id);

    public ShopUser? User(string? id) => Users.FirstOrDefault(u => u.Id == id);
}

public sealed class ShopUser
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public required string OrgId { get; init; }
}

public sealed class ShopOrg
{
    public required string Id { get; init; }

    public required string Name { get; init; }
}

public sealed class ShopBook
{
    public required string Id { get; init; }

    public required string Isbn { get; init; }

    public required string Title { get; init; }

    public required int Amount { get; set; }

    public required int Weight { get; init; }

    public required string? AuthorId { get; init; }

    public required string InternalCode { get; init; }
}

public sealed class ShopCourse
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required int Amount { get; init; }

    public required int Lessons { get; init; }
}

public sealed class ShopReview
{
    public required string Id { get; init; }

    public required string ProductId { get; init; }

    public required string AuthorId { get; init; }

    public required string Body { get; init; }

    public required int Rating { get; init; }
}

/// <summary>A price: a value type every subgraph that uses it declares <c>@shareable</c>.</summary>
public sealed class Money
{
    public int? Amount { get; set; }

    public string? Currency { get; set; }
}
