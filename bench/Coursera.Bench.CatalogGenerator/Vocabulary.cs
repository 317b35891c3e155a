using Coursera.Catalog.Data;
using Coursera.Catalog.Model;

namespace Coursera.Bench.CatalogGenerator;

/// <summary>Words the generated catalog is made of: enough variety that titles sort, search ranks and skills filter.</summary>
internal static class Vocabulary
{
    /// <summary>The sample catalog's subjects, and more so titles and skills vary across 100,000 courses.</summary>
    public static readonly (string Title, string Subtitle, string[] Skills, CourseLevel Level)[] Subjects =
    [
        .. CatalogSeed.Subjects,
        ("Web Development with JavaScript", "HTML, CSS and modern JavaScript in the browser", ["javascript", "web development"], CourseLevel.Beginner),
        ("Distributed Systems", "Replication, consensus and fault tolerance", ["distributed systems", "architecture"], CourseLevel.Advanced),
        ("Computer Vision", "Image classification, detection and segmentation", ["computer vision", "deep learning"], CourseLevel.Advanced),
        ("Accounting Principles", "Financial statements, ledgers and reporting", ["accounting", "finance"], CourseLevel.Beginner),
        ("Organic Chemistry", "Structure, reactions and mechanisms", ["chemistry", "science"], CourseLevel.Intermediate),
        ("Introduction to Psychology", "Mind, behaviour and the brain", ["psychology", "science"], CourseLevel.Beginner),
        ("Operating Systems", "Processes, memory, file systems and concurrency", ["operating systems", "programming"], CourseLevel.Advanced),
        ("Mobile App Development", "Building apps for phones and tablets", ["mobile", "kotlin", "swift"], CourseLevel.Intermediate),
        ("Supply Chain Management", "Sourcing, logistics and operations planning", ["supply chain", "operations"], CourseLevel.Intermediate),
        ("Music Theory", "Harmony, rhythm and composition", ["music", "composition"], CourseLevel.Mixed),
    ];

    public static readonly string[] TitleVariants =
    [
        "", "", "", " II", " in Practice", " for Professionals", ": Hands-on Projects", ": Advanced Topics", " Capstone",
        " for Managers", ": A Practical Introduction", " with Case Studies", " Bootcamp", ": Theory and Applications",
    ];

    public static readonly string[] ExtraSentences =
    [
        "Weekly quizzes check your understanding and a final project ties everything together.",
        "You will work with open datasets from government, science and industry.",
        "Peer-reviewed assignments give you feedback from learners around the world.",
        "No prior experience is required beyond curiosity and a willingness to practise.",
        "Case studies from startups and large enterprises show how the ideas are used at work.",
        "Interactive labs run in the browser, so there is nothing to install.",
        "The course prepares you for further study in a specialization or a degree programme.",
        "Guest lectures from practitioners connect theory with current practice.",
        "Each module ends with a short reflection on ethics, fairness and responsible practice.",
        "Learners who complete the course earn a shareable certificate.",
    ];

    public static readonly string[] Languages = ["en", "en", "en", "en", "en", "en", "en", "en", "en", "en", "en", "en", "en", "en", "en", "en", "es", "fr", "pt-BR", "de"];

    public static readonly string[] Places =
    [
        "Northfield", "Lakeside", "Riverside", "Eastbrook", "Westmoor", "Stonebridge", "Highgate", "Fairhaven", "Oakridge",
        "Silverlake", "Redcliff", "Greenwood", "Ashford", "Brighton", "Clearwater", "Elmstead", "Kingsport", "Maple Grove",
        "Pinecrest", "Summit", "Harbour City", "Valle Verde", "Montclair", "Bayview",
    ];

    public static readonly string[] PartnerKinds = ["University", "Institute of Technology", "College", "School of Business", "Polytechnic"];

    public static readonly string[] Countries = ["US", "US", "US", "GB", "CA", "MX", "DE", "FR", "IN", "AU", "BR", "JP"];

    public static readonly string[] FirstNames =
    [
        "Ada", "Bruno", "Chen", "Dalia", "Elena", "Farid", "Grace", "Hiro", "Isabel", "Jonas", "Kavya", "Liam", "Maya",
        "Nikolai", "Olga", "Pedro", "Quinn", "Rosa", "Samir", "Tara", "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zoe",
    ];

    public static readonly string[] LastNames =
    [
        "Okafor", "Lindqvist", "Wei", "Haddad", "Petrova", "Rahimi", "Mensah", "Tanaka", "Moreno", "Becker", "Iyer",
        "O'Connor", "Cohen", "Volkov", "Santos", "Alves", "Nakamura", "Kowalski", "Dubois", "Fischer", "Rossi", "Singh",
    ];

    public static readonly string[] InstructorTitles = ["Professor", "Associate Professor", "Assistant Professor", "Lecturer", "Senior Lecturer"];

    public static readonly string[] ModuleTopics =
    [
        "Getting started", "Core ideas", "Working with real data", "Putting it together", "Tools of the trade",
        "Common pitfalls", "Case studies", "Going further", "Review and practice", "Final project",
    ];

    public static readonly string[] ItemTopics =
    [
        "Overview", "Key concepts", "A worked example", "Step by step", "Under the hood", "Best practices",
        "Check your understanding", "Practice problems", "Going deeper", "Summary", "Discussion", "Lab",
    ];

    public static string Slugify(string text) => CatalogSeed.Slugify(text);
}
