namespace Coursera.Federation.Composition;

public enum TypeKind
{
    Object,
    Interface,
    Union,
    Enum,
    InputObject,
    Scalar,
}
