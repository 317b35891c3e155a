using Coursera.Assessment.Model;

namespace Coursera.Host;

/// <summary>
/// The questions of the sample catalog's graded quizzes, per subject (the catalog seed's subject titles): a quiz of
/// module <c>m</c> asks the subject's quiz <c>m</c> (the last one again when there are fewer). Public so the end-to-end
/// tests can answer like a learner who studied.
/// </summary>
public static class SampleQuestions
{
    public static IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<Question>>> BySubject { get; } = new Dictionary<string, IReadOnlyList<IReadOnlyList<Question>>>
    {
        ["Machine Learning Foundations"] =
        [
            [
                Single("ml-1", "A model fits its training data almost perfectly but does poorly on new data. What is this called?",
                    ["Overfitting", "Underfitting", "Regularization", "Normalization"], 0, "It learned the noise of the training set."),
                TrueFalse("ml-2", "Linear regression predicts a continuous value.", true),
                Numeric("ml-3", "A classifier gets 45 of 50 test examples right. What is its accuracy, as a share from 0 to 1?", 0.9, 0.001),
            ],
            [
                Multiple("ml-4", "Which of these help against overfitting?", ["More training data", "L2 regularization", "Early stopping", "Training longer"], [0, 1, 2],
                    "Training longer usually makes it worse."),
                Single("ml-5", "Which method builds trees one after another, each correcting the errors of the ones before?",
                    ["Gradient boosting", "k-nearest neighbours", "Bagging", "k-means"], 0),
                ShortText("ml-6", "What do we call the held-out data used to choose hyperparameters?", ["validation set", "validation data", "validation"]),
            ],
        ],
        ["Deep Learning with Neural Networks"] =
        [[
            Single("dl-1", "Which layer type shares its weights across positions of an image?", ["Convolutional", "Fully connected", "Embedding", "Softmax"], 0),
            TrueFalse("dl-2", "ReLU outputs max(0, x).", true),
            Single("dl-3", "What computes the gradients of the loss with respect to every weight?", ["Backpropagation", "Dropout", "Batch normalization", "Pooling"], 0),
        ]],
        ["Data Analysis with SQL"] =
        [[
            Single("sql-1", "Which clause filters groups after aggregation?", ["HAVING", "WHERE", "ORDER BY", "LIMIT"], 0),
            TrueFalse("sql-2", "An INNER JOIN keeps rows of the left table that have no match.", false),
            Numeric("sql-3", "A table has 3 rows and another has 4. How many rows does their CROSS JOIN have?", 12, 0),
        ]],
        ["Statistics for Data Science"] =
        [[
            Numeric("st-1", "What is the mean of 2, 4, 6 and 8?", 5, 0),
            Single("st-2", "A p-value is the probability of data at least this extreme, given…", ["the null hypothesis", "the alternative hypothesis", "the sample size", "the effect size"], 0),
            TrueFalse("st-3", "The median is more robust to outliers than the mean.", true),
        ]],
        ["Cloud Computing Architecture"] =
        [[
            Single("cl-1", "Which Kubernetes object keeps a set number of identical pods running?", ["Deployment", "ConfigMap", "Service", "Secret"], 0),
            TrueFalse("cl-2", "Spreading replicas across availability zones protects against a zone failure.", true),
            Single("cl-3", "Adding more machines to share the load is called…", ["horizontal scaling", "vertical scaling", "sharding keys", "caching"], 0),
        ]],
        ["Introduction to Programming in Python"] =
        [[
            Numeric("py-1", "What does len([1, 2, 3]) return?", 3, 0),
            Single("py-2", "Which type is immutable?", ["tuple", "list", "dict", "set"], 0),
            ShortText("py-3", "Which keyword defines a function?", ["def"]),
        ]],
        ["Algorithms and Data Structures"] =
        [[
            Single("al-1", "What is the worst-case running time of binary search on n sorted items?", ["O(log n)", "O(n)", "O(n log n)", "O(1)"], 0),
            Single("al-2", "Which structure serves first-in, first-out?", ["Queue", "Stack", "Heap", "Tree"], 0),
            TrueFalse("al-3", "Dijkstra's algorithm handles negative edge weights.", false),
        ]],
        ["Financial Markets"] =
        [[
            Single("fm-1", "When interest rates rise, existing bond prices usually…", ["fall", "rise", "stay the same", "double"], 0),
            TrueFalse("fm-2", "A call option gives the right, not the obligation, to buy.", true),
            Numeric("fm-3", "A stock bought at 50 is sold at 60. What is the return, as a share (0.2 for 20%)?", 0.2, 0.001),
        ]],
        ["Marketing in a Digital World"] =
        [[
            Single("mk-1", "The share of visitors who take the desired action is the…", ["conversion rate", "bounce rate", "reach", "churn"], 0),
            TrueFalse("mk-2", "An A/B test shows two versions to comparable audiences at the same time.", true),
            Numeric("mk-3", "1,000 visitors bring 25 sales. What is the conversion rate, as a share?", 0.025, 0.0001),
        ]],
        ["Project Management Essentials"] =
        [[
            Single("pm-1", "In Scrum, who orders the product backlog?", ["The product owner", "The scrum master", "The developers", "The sponsor"], 0),
            TrueFalse("pm-2", "The critical path is the longest chain of dependent tasks.", true),
            Single("pm-3", "A time-boxed iteration in Scrum is a…", ["sprint", "milestone", "phase gate", "baseline"], 0),
        ]],
        ["Cybersecurity Fundamentals"] =
        [[
            Single("cs-1", "Which one is asymmetric cryptography?", ["RSA", "AES", "SHA-256", "HMAC"], 0),
            TrueFalse("cs-2", "Passwords should be stored with a slow, salted hash.", true),
            Single("cs-3", "Tricking someone into giving away credentials by e-mail is…", ["phishing", "a buffer overflow", "SQL injection", "a replay attack"], 0),
        ]],
        ["Natural Language Processing"] =
        [[
            Single("nlp-1", "What splits text into the units a model reads?", ["A tokenizer", "An optimizer", "A scheduler", "A decoder"], 0),
            TrueFalse("nlp-2", "Transformers rely on attention rather than recurrence.", true),
            Single("nlp-3", "Dense vectors that place similar words close together are…", ["embeddings", "n-grams", "stop words", "stems"], 0),
        ]],
        ["Public Health and Epidemiology"] =
        [[
            Single("ph-1", "New cases in a population over a period is the…", ["incidence", "prevalence", "mortality", "morbidity"], 0),
            TrueFalse("ph-2", "A randomized controlled trial assigns treatment by chance.", true),
            Numeric("ph-3", "R0 is 2: how many people does one case infect on average, in a fully susceptible population?", 2, 0),
        ]],
        ["Climate Science and Policy"] =
        [[
            Single("cs-p-1", "Which gas contributes most to human-caused warming?", ["Carbon dioxide", "Oxygen", "Nitrogen", "Argon"], 0),
            TrueFalse("cs-p-2", "The Paris Agreement aims to keep warming well below 2 °C.", true),
            Single("cs-p-3", "A price on each tonne of emissions is a…", ["carbon tax", "feed-in tariff", "subsidy", "quota sale"], 0),
        ]],
        ["Spanish for Beginners"] =
        [[
            ShortText("es-1", "Translate \"thank you\" into Spanish.", ["gracias"]),
            Single("es-2", "Which verb says where something is (\"the book ___ on the table\")?", ["estar", "ser", "tener", "hacer"], 0),
            TrueFalse("es-3", "\"Buenas noches\" is said in the evening.", true),
        ]],
        ["Writing in the Sciences"] =
        [[
            TrueFalse("ws-1", "The active voice usually makes a sentence clearer.", true),
            Single("ws-2", "Where does a paper state what it found, briefly?", ["The abstract", "The methods", "The references", "The acknowledgements"], 0),
            Single("ws-3", "\"In order to\" is usually better written as…", ["to", "so as to", "for the purpose of", "with the aim to"], 0),
        ]],
        ["Quantum Computing for Everyone"] =
        [[
            Numeric("qc-1", "How many basis states do 3 qubits span?", 8, 0),
            Single("qc-2", "Which gate puts |0⟩ into an equal superposition?", ["Hadamard", "Pauli-X", "CNOT", "Toffoli"], 0),
            TrueFalse("qc-3", "Measuring a qubit in superposition leaves it in superposition.", false),
        ]],
        ["User Experience Design"] =
        [[
            Single("ux-1", "Watching people try a prototype while thinking aloud is…", ["usability testing", "A/B testing", "a survey", "analytics"], 0),
            TrueFalse("ux-2", "A wireframe shows layout before visual design.", true),
            Numeric("ux-3", "Nielsen's rule of thumb: how many users find most usability problems in a test round?", 5, 0),
        ]],
        ["Blockchain Basics"] =
        [[
            Single("bc-1", "Bitcoin's original consensus mechanism is…", ["proof of work", "proof of stake", "Raft", "Paxos"], 0),
            TrueFalse("bc-2", "Each block holds the hash of the block before it.", true),
            Single("bc-3", "Code that runs on a blockchain when its conditions are met is a…", ["smart contract", "wallet", "miner", "fork"], 0),
        ]],
        ["Leadership and Negotiation"] =
        [[
            ShortText("ln-1", "What is the acronym for your best alternative to a negotiated agreement?", ["BATNA"]),
            Single("ln-2", "Focusing on why each side wants something rather than what it demands is…", ["interest-based negotiation", "positional bargaining", "anchoring", "logrolling"], 0),
            TrueFalse("ln-3", "Active listening includes summarising what the other side said.", true),
        ]],
    };

    /// <summary>The questions of a subject's quiz for module <paramref name="module"/>; none for a subject without questions.</summary>
    public static IReadOnlyList<Question> Quiz(string subject, int module) =>
        BySubject.TryGetValue(subject, out var quizzes) ? quizzes[Math.Min(module, quizzes.Count - 1)] : [];

    private static Choice[] Choices(string prefix, string[] texts) => [.. texts.Select((t, i) => new Choice($"{prefix}-{(char)('a' + i)}", t))];

    private static Question Single(string id, string prompt, string[] choices, int correct, string? explanation = null) => new()
    {
        Id = id, Kind = QuestionKind.SingleChoice, Prompt = prompt, Choices = Choices(id, choices), CorrectChoiceIds = [$"{id}-{(char)('a' + correct)}"],
        Explanation = explanation,
    };

    private static Question Multiple(string id, string prompt, string[] choices, int[] correct, string? explanation = null) => new()
    {
        Id = id, Kind = QuestionKind.MultipleChoice, Prompt = prompt, Choices = Choices(id, choices),
        CorrectChoiceIds = [.. correct.Select(c => $"{id}-{(char)('a' + c)}")], Explanation = explanation,
    };

    private static Question TrueFalse(string id, string prompt, bool answer) => new()
    {
        Id = id, Kind = QuestionKind.TrueFalse, Prompt = prompt, Choices = [new("true", "True"), new("false", "False")],
        CorrectChoiceIds = [answer ? "true" : "false"],
    };

    private static Question Numeric(string id, string prompt, double answer, double tolerance) => new()
    {
        Id = id, Kind = QuestionKind.Numeric, Prompt = prompt, NumericAnswer = answer, Tolerance = tolerance,
    };

    private static Question ShortText(string id, string prompt, string[] accepted) => new()
    {
        Id = id, Kind = QuestionKind.ShortText, Prompt = prompt, AcceptedAnswers = accepted,
    };
}
