namespace Coursera.Assessment.Model;

public enum QuestionKind
{
    SingleChoice,
    MultipleChoice,
    TrueFalse,
    Numeric,
    ShortText,
    Ordering,
    Matching,
}
