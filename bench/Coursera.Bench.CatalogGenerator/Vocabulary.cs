using Coursera.Catalog.Model;

namespace Coursera.Bench.CatalogGenerator;

/// <summary>Words the generated catalog is made of: enough variety that titles sort, search ranks and skills filter.</summary>
internal static class Vocabulary
{
    public static readonly (string Title, string Subtitle, string[] Skills, CourseLevel Level)[] Subjects =
    [
        ("Machine Learning Foundations", "Supervised learning, from linear models to gradient boosting", ["machine learning", "python", "statistics"], CourseLevel.Beginner),
        ("Deep Learning with Neural Networks", "Convolutional and recurrent networks in practice", ["deep learning", "python", "pytorch"], CourseLevel.Intermediate),
        ("Data Analysis with SQL", "Querying, joining and aggregating real datasets", ["sql", "data analysis"], CourseLevel.Beginner),
        ("Statistics for Data Science", "Probability, inference and experiment design", ["statistics", "probability"], CourseLevel.Beginner),
        ("Cloud Computing Architecture", "Designing resilient systems on public clouds", ["cloud", "architecture", "kubernetes"], CourseLevel.Intermediate),
        ("Introduction to Programming in Python", "Variables, functions, data structures and tests", ["python", "programming"], CourseLevel.Beginner),
        ("Algorithms and Data Structures", "Sorting, graphs, dynamic programming and complexity", ["algorithms", "programming"], CourseLevel.Intermediate),
        ("Financial Markets", "How stocks, bonds and derivatives are priced and traded", ["finance", "economics"], CourseLevel.Beginner),
        ("Marketing in a Digital World", "Channels, analytics and customer journeys", ["marketing", "analytics"], CourseLevel.Beginner),
        ("Project Management Essentials", "Planning, risk and agile delivery", ["project management", "agile"], CourseLevel.Beginner),
        ("Cybersecurity Fundamentals", "Threats, cryptography and secure design", ["security", "cryptography"], CourseLevel.Intermediate),
        ("Natural Language Processing", "Tokenizers, embeddings and transformers", ["nlp", "deep learning", "python"], CourseLevel.Advanced),
        ("Public Health and Epidemiology", "Measuring disease and evaluating interventions", ["public health", "statistics"], CourseLevel.Intermediate),
        ("Climate Science and Policy", "The physics of climate change and the policies that respond", ["climate", "policy"], CourseLevel.Beginner),
        ("Spanish for Beginners", "Everyday conversation and grammar", ["spanish", "languages"], CourseLevel.Beginner),
        ("Writing in the Sciences", "Clear, concise scientific writing", ["writing", "communication"], CourseLevel.Mixed),
        ("Quantum Computing for Everyone", "Qubits, gates and the algorithms that use them", ["quantum computing", "physics"], CourseLevel.Advanced),
        ("User Experience Design", "Research, prototyping and usability testing", ["ux", "design"], CourseLevel.Beginner),
        ("Blockchain Basics", "Distributed ledgers, consensus and smart contracts", ["blockchain", "cryptography"], CourseLevel.Intermediate),
        ("Leadership and Negotiation", "Leading teams and reaching agreements", ["leadership", "negotiation"], CourseLevel.Mixed),
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

    public static string Slugify(string text)
    {
        var chars = new List<char>(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                chars.Add(c);
            }
            else if (chars.Count > 0 && chars[^1] != '-')
            {
                chars.Add('-');
            }
        }

        return new string([.. chars]).Trim('-');
    }
}
