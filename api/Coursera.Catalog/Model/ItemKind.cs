namespace Coursera.Catalog.Model;

public enum ItemKind
{
    Lecture,
    Reading,
    Quiz,
    Assignment,
    PeerReview,
}
