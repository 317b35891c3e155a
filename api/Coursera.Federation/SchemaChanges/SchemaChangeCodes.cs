namespace Coursera.Federation.SchemaChanges;

/// <summary>The kinds of <see cref="SchemaChange"/>, named as graphql-js and GraphQL Inspector name them where they have a name.</summary>
public static class SchemaChangeCodes
{
    public const string TypeRemoved = "TYPE_REMOVED";
    public const string TypeAdded = "TYPE_ADDED";
    public const string TypeKindChanged = "TYPE_CHANGED_KIND";
    public const string TypeDescriptionChanged = "TYPE_DESCRIPTION_CHANGED";
    public const string RootTypeChanged = "ROOT_TYPE_CHANGED";
    public const string FieldRemoved = "FIELD_REMOVED";
    public const string FieldAdded = "FIELD_ADDED";
    public const string FieldTypeChanged = "FIELD_CHANGED_KIND";
    public const string FieldTypeChangedSafely = "FIELD_TYPE_NARROWED";
    public const string FieldDeprecated = "FIELD_DEPRECATED";
    public const string DeprecationRemoved = "DEPRECATION_REMOVED";
    public const string FieldDescriptionChanged = "FIELD_DESCRIPTION_CHANGED";
    public const string ArgumentRemoved = "ARG_REMOVED";
    public const string RequiredArgumentAdded = "REQUIRED_ARG_ADDED";
    public const string OptionalArgumentAdded = "OPTIONAL_ARG_ADDED";
    public const string ArgumentTypeChanged = "ARG_CHANGED_KIND";
    public const string ArgumentTypeWidened = "ARG_TYPE_WIDENED";
    public const string ArgumentDeprecated = "ARG_DEPRECATED";
    public const string ArgumentDefaultChanged = "ARG_DEFAULT_VALUE_CHANGE";
    public const string InputFieldRemoved = "INPUT_FIELD_REMOVED";
    public const string RequiredInputFieldAdded = "REQUIRED_INPUT_FIELD_ADDED";
    public const string OptionalInputFieldAdded = "OPTIONAL_INPUT_FIELD_ADDED";
    public const string InputFieldTypeChanged = "INPUT_FIELD_CHANGED_KIND";
    public const string InputFieldTypeWidened = "INPUT_FIELD_TYPE_WIDENED";
    public const string InputFieldDeprecated = "INPUT_FIELD_DEPRECATED";
    public const string InputFieldDefaultChanged = "INPUT_FIELD_DEFAULT_VALUE_CHANGE";
    public const string EnumValueRemoved = "VALUE_REMOVED_FROM_ENUM";
    public const string EnumValueAdded = "VALUE_ADDED_TO_ENUM";
    public const string EnumValueDeprecated = "ENUM_VALUE_DEPRECATED";
    public const string UnionMemberRemoved = "TYPE_REMOVED_FROM_UNION";
    public const string UnionMemberAdded = "TYPE_ADDED_TO_UNION";
    public const string InterfaceRemoved = "IMPLEMENTED_INTERFACE_REMOVED";
    public const string InterfaceAdded = "IMPLEMENTED_INTERFACE_ADDED";
    public const string DirectiveRemoved = "DIRECTIVE_REMOVED";
    public const string DirectiveAdded = "DIRECTIVE_ADDED";
    public const string DirectiveLocationRemoved = "DIRECTIVE_LOCATION_REMOVED";
    public const string DirectiveRepeatableRemoved = "DIRECTIVE_REPEATABLE_REMOVED";
}
