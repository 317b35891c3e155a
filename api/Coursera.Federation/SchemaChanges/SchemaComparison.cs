using GraphQLParser.AST;
using GraphQLParser.Visitors;
using static Coursera.Federation.SchemaChanges.SchemaChangeSeverity;

namespace Coursera.Federation.SchemaChanges;

/// <summary>
/// Classifies every difference between two versions of a public schema as breaking, dangerous or safe for a client
/// written against the first, by graphql-js's rules (<c>findBreakingChanges</c>, <c>findDangerousChanges</c>), plus the
/// safe changes it does not list (additions, deprecations, descriptions), so a reviewer sees the whole change.
/// </summary>
/// <remarks>
/// Output positions may become stricter (a nullable field turning non-null is safe, the client already handles the
/// value); input positions may become looser (a non-null argument turning nullable is safe, the client already sends
/// it). Everything else that changes a type breaks someone.
/// </remarks>
public static class SchemaComparison
{
    private static readonly SDLPrinter ValuePrinter = new(new SDLPrinterOptions { PrintComments = false, PrintDescriptions = false });

    /// <exception cref="ArgumentException">Either SDL does not parse.</exception>
    public static IReadOnlyList<SchemaChange> Compare(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = SchemaDefinitions.Parse(before, "previous");
        var current = SchemaDefinitions.Parse(after, "new");
        var changes = new List<SchemaChange>();
        CompareRoots(old, current, changes);

        foreach (var (name, oldType) in old.Types)
        {
            if (current.Types.TryGetValue(name, out var newType))
            {
                CompareType(oldType, newType, changes);
            }
            else
            {
                changes.Add(new(Breaking, SchemaChangeCodes.TypeRemoved, name, $"{Kind(oldType)} {name} was removed."));
            }
        }

        foreach (var (name, newType) in current.Types.Where(t => !old.Types.ContainsKey(t.Key)))
        {
            changes.Add(new(Safe, SchemaChangeCodes.TypeAdded, name, $"{Kind(newType)} {name} was added."));
        }

        CompareDirectives(old, current, changes);
        return [.. changes.OrderBy(c => c.Severity).ThenBy(c => c.Path, StringComparer.Ordinal).ThenBy(c => c.Code, StringComparer.Ordinal)];
    }

    private static void CompareRoots(SchemaDefinitions old, SchemaDefinitions current, List<SchemaChange> changes)
    {
        foreach (var (operation, oldRoot) in old.Roots)
        {
            var newRoot = current.Roots.GetValueOrDefault(operation);
            if (newRoot != oldRoot)
            {
                changes.Add(new(Breaking, SchemaChangeCodes.RootTypeChanged, oldRoot,
                    newRoot is null ? $"The schema no longer has a {operation} root." : $"The {operation} root changed from {oldRoot} to {newRoot}."));
            }
        }
    }

    private static void CompareType(GraphQLTypeDefinition old, GraphQLTypeDefinition current, List<SchemaChange> changes)
    {
        var name = old.Name.StringValue;
        if (old.Kind != current.Kind)
        {
            changes.Add(new(Breaking, SchemaChangeCodes.TypeKindChanged, name, $"{name} changed from {Kind(old)} to {Kind(current)}."));
            return;
        }

        if (Description(old) != Description(current))
        {
            changes.Add(new(Safe, SchemaChangeCodes.TypeDescriptionChanged, name, $"The description of {name} changed."));
        }

        switch (old, current)
        {
            case (GraphQLUnionTypeDefinition oldUnion, GraphQLUnionTypeDefinition newUnion):
                CompareMembers(name, Names(oldUnion.Types?.Items), Names(newUnion.Types?.Items), changes);
                break;
            case (GraphQLEnumTypeDefinition oldEnum, GraphQLEnumTypeDefinition newEnum):
                CompareEnumValues(name, oldEnum, newEnum, changes);
                break;
            case (GraphQLInputObjectTypeDefinition oldInput, GraphQLInputObjectTypeDefinition newInput):
                CompareInputValues(name, oldInput.Fields?.Items, newInput.Fields?.Items, InputFieldCodes, changes);
                break;
            case (IHasFieldsDefinitionNode oldFields, IHasFieldsDefinitionNode newFields):
                CompareFields(name, oldFields.Fields?.Items, newFields.Fields?.Items, changes);
                CompareInterfaces(name, (IHasInterfacesNode)old, (IHasInterfacesNode)current, changes);
                break;
            default:
                break; // scalars: a name is all they have
        }
    }

    private static void CompareFields(string type, List<GraphQLFieldDefinition>? oldFields, List<GraphQLFieldDefinition>? newFields,
        List<SchemaChange> changes)
    {
        var current = ByName(newFields, f => f.Name.StringValue);
        foreach (var old in oldFields ?? [])
        {
            var path = $"{type}.{old.Name.StringValue}";
            if (!current.Remove(old.Name.StringValue, out var field))
            {
                changes.Add(new(Breaking, SchemaChangeCodes.FieldRemoved, path,
                    $"{path} was removed" + (DeprecationReason(old) is { } reason ? $" (it was deprecated: {reason})." : ".")));
                continue;
            }

            if (old.Type.Print() != field.Type.Print())
            {
                changes.Add(IsSafeOutputChange(old.Type, field.Type)
                    ? new(Safe, SchemaChangeCodes.FieldTypeChangedSafely, path, $"{path} changed type from {old.Type.Print()} to {field.Type.Print()}, which only narrows what it returns.")
                    : new(Breaking, SchemaChangeCodes.FieldTypeChanged, path, $"{path} changed type from {old.Type.Print()} to {field.Type.Print()}."));
            }

            CompareInputValues(path, old.Arguments?.Items, field.Arguments?.Items, ArgumentCodes, changes);
            CompareDeprecation(path, old, field, SchemaChangeCodes.FieldDeprecated, changes);
            if (Description(old) != Description(field))
            {
                changes.Add(new(Safe, SchemaChangeCodes.FieldDescriptionChanged, path, $"The description of {path} changed."));
            }
        }

        foreach (var added in current.Values)
        {
            var path = $"{type}.{added.Name.StringValue}";
            changes.Add(new(Safe, SchemaChangeCodes.FieldAdded, path, $"{path}: {added.Type.Print()} was added."));
        }
    }

    /// <summary>Arguments of a field or directive, or fields of an input object: the positions a client writes into.</summary>
    private static void CompareInputValues(string owner, List<GraphQLInputValueDefinition>? oldValues, List<GraphQLInputValueDefinition>? newValues,
        InputValueCodes codes, List<SchemaChange> changes)
    {
        var current = ByName(newValues, v => v.Name.StringValue);
        foreach (var old in oldValues ?? [])
        {
            var path = codes.Path(owner, old.Name.StringValue);
            if (!current.Remove(old.Name.StringValue, out var value))
            {
                changes.Add(new(Breaking, codes.Removed, path, $"{path} was removed."));
                continue;
            }

            if (old.Type.Print() != value.Type.Print())
            {
                changes.Add(IsSafeInputChange(old.Type, value.Type)
                    ? new(Safe, codes.TypeWidened, path, $"{path} changed type from {old.Type.Print()} to {value.Type.Print()}, which accepts everything it accepted.")
                    : new(Breaking, codes.TypeChanged, path, $"{path} changed type from {old.Type.Print()} to {value.Type.Print()}."));
            }

            var oldDefault = Print(old.DefaultValue);
            var newDefault = Print(value.DefaultValue);
            if (oldDefault != newDefault)
            {
                changes.Add(new(Dangerous, codes.DefaultChanged, path,
                    $"The default of {path} changed from {oldDefault ?? "none"} to {newDefault ?? "none"}: clients that leave it out get another behaviour."));
            }

            CompareDeprecation(path, old, value, codes.Deprecated, changes);
        }

        foreach (var added in current.Values)
        {
            var path = codes.Path(owner, added.Name.StringValue);
            changes.Add(added.Type is GraphQLNonNullType && added.DefaultValue is null
                ? new(Breaking, codes.RequiredAdded, path, $"{path}: {added.Type.Print()} was added and is required: operations without it stop validating.")
                : new(Dangerous, codes.OptionalAdded, path, $"{path}: {added.Type.Print()} was added (optional)."));
        }
    }

    private static void CompareEnumValues(string type, GraphQLEnumTypeDefinition old, GraphQLEnumTypeDefinition current, List<SchemaChange> changes)
    {
        var newValues = ByName(current.Values?.Items, v => v.EnumValue.Name.StringValue);
        foreach (var value in old.Values?.Items ?? [])
        {
            var path = $"{type}.{value.EnumValue.Name.StringValue}";
            if (newValues.Remove(value.EnumValue.Name.StringValue, out var kept))
            {
                CompareDeprecation(path, value, kept, SchemaChangeCodes.EnumValueDeprecated, changes);
            }
            else
            {
                changes.Add(new(Breaking, SchemaChangeCodes.EnumValueRemoved, path, $"{path} was removed from the enum."));
            }
        }

        foreach (var added in newValues.Keys)
        {
            changes.Add(new(Dangerous, SchemaChangeCodes.EnumValueAdded, $"{type}.{added}",
                $"{type}.{added} was added: clients that switch over {type} meet a value they do not know."));
        }
    }

    private static void CompareMembers(string union, HashSet<string> old, HashSet<string> current, List<SchemaChange> changes)
    {
        foreach (var removed in old.Except(current))
        {
            changes.Add(new(Breaking, SchemaChangeCodes.UnionMemberRemoved, union, $"{removed} is no longer a member of the union {union}."));
        }

        foreach (var added in current.Except(old))
        {
            changes.Add(new(Dangerous, SchemaChangeCodes.UnionMemberAdded, union,
                $"{added} was added to the union {union}: clients that switch over its members meet one they do not know."));
        }
    }

    private static void CompareInterfaces(string type, IHasInterfacesNode old, IHasInterfacesNode current, List<SchemaChange> changes)
    {
        var before = Names(old.Interfaces?.Items);
        var after = Names(current.Interfaces?.Items);
        foreach (var removed in before.Except(after))
        {
            changes.Add(new(Breaking, SchemaChangeCodes.InterfaceRemoved, type, $"{type} no longer implements {removed}."));
        }

        foreach (var added in after.Except(before))
        {
            changes.Add(new(Dangerous, SchemaChangeCodes.InterfaceAdded, type,
                $"{type} now implements {added}: clients that switch over the implementations of {added} meet one they do not know."));
        }
    }

    private static void CompareDirectives(SchemaDefinitions old, SchemaDefinitions current, List<SchemaChange> changes)
    {
        foreach (var (name, directive) in old.Directives)
        {
            var path = "@" + name;
            if (!current.Directives.TryGetValue(name, out var kept))
            {
                changes.Add(new(Breaking, SchemaChangeCodes.DirectiveRemoved, path, $"The directive {path} was removed."));
                continue;
            }

            CompareInputValues(path, directive.Arguments?.Items, kept.Arguments?.Items, ArgumentCodes, changes);
            foreach (var location in (directive.Locations?.Items ?? []).Except(kept.Locations?.Items ?? []))
            {
                changes.Add(new(Breaking, SchemaChangeCodes.DirectiveLocationRemoved, path, $"{path} may no longer be used on {location}."));
            }

            if (directive.Repeatable && !kept.Repeatable)
            {
                changes.Add(new(Breaking, SchemaChangeCodes.DirectiveRepeatableRemoved, path, $"{path} is no longer repeatable."));
            }
        }

        foreach (var added in current.Directives.Keys.Where(n => !old.Directives.ContainsKey(n)))
        {
            changes.Add(new(Safe, SchemaChangeCodes.DirectiveAdded, "@" + added, $"The directive @{added} was added."));
        }
    }

    private static void CompareDeprecation(string path, IHasDirectivesNode old, IHasDirectivesNode current, string deprecatedCode,
        List<SchemaChange> changes)
    {
        var before = DeprecationReason(old);
        var after = DeprecationReason(current);
        if (before is null && after is not null)
        {
            changes.Add(new(Safe, deprecatedCode, path, $"{path} was deprecated: {after}"));
        }
        else if (before is not null && after is null)
        {
            changes.Add(new(Safe, SchemaChangeCodes.DeprecationRemoved, path, $"{path} is no longer deprecated."));
        }
    }

    /// <summary>graphql-js's <c>isChangeSafeForObjectOrInterfaceField</c>: what the client reads may only get stricter.</summary>
    internal static bool IsSafeOutputChange(GraphQLType old, GraphQLType current) => (old, current) switch
    {
        (GraphQLListType oldList, GraphQLListType newList) => IsSafeOutputChange(oldList.Type, newList.Type),
        (GraphQLListType, GraphQLNonNullType { Type: var inner }) => IsSafeOutputChange(old, inner),
        (GraphQLNonNullType oldNonNull, GraphQLNonNullType newNonNull) => IsSafeOutputChange(oldNonNull.Type, newNonNull.Type),
        (GraphQLNamedType oldNamed, GraphQLNamedType newNamed) => oldNamed.Name.StringValue == newNamed.Name.StringValue,
        (GraphQLNamedType, GraphQLNonNullType { Type: var inner }) => IsSafeOutputChange(old, inner),
        _ => false,
    };

    /// <summary>graphql-js's <c>isChangeSafeForInputObjectFieldOrFieldArg</c>: what the client sends may only get looser.</summary>
    internal static bool IsSafeInputChange(GraphQLType old, GraphQLType current) => (old, current) switch
    {
        (GraphQLListType oldList, GraphQLListType newList) => IsSafeInputChange(oldList.Type, newList.Type),
        (GraphQLNonNullType oldNonNull, GraphQLNonNullType newNonNull) => IsSafeInputChange(oldNonNull.Type, newNonNull.Type),
        (GraphQLNonNullType oldNonNull, _) => IsSafeInputChange(oldNonNull.Type, current),
        (GraphQLNamedType oldNamed, GraphQLNamedType newNamed) => oldNamed.Name.StringValue == newNamed.Name.StringValue,
        _ => false,
    };

    private static string? DeprecationReason(IHasDirectivesNode node)
    {
        var deprecated = node.Directives?.Items.FirstOrDefault(d => d.Name.StringValue == "deprecated");
        if (deprecated is null)
        {
            return null;
        }

        return deprecated.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == "reason")?.Value is GraphQLStringValue reason
            ? reason.Value.ToString()
            : "No longer supported"; // the spec's default reason
    }

    private static string? Description(ASTNode node) => node is IHasDescriptionNode { Description: { } description } ? description.Value.ToString() : null;

    private static string? Print(GraphQLValue? value) => value is null ? null : ValuePrinter.Print(value);

    private static HashSet<string> Names(List<GraphQLNamedType>? types) => [.. (types ?? []).Select(t => t.Name.StringValue)];

    private static Dictionary<string, T> ByName<T>(List<T>? items, Func<T, string> name) =>
        (items ?? []).ToDictionary(name, StringComparer.Ordinal);

    private static string Kind(GraphQLTypeDefinition type) => type switch
    {
        GraphQLObjectTypeDefinition => "Object type",
        GraphQLInterfaceTypeDefinition => "Interface",
        GraphQLUnionTypeDefinition => "Union",
        GraphQLEnumTypeDefinition => "Enum",
        GraphQLInputObjectTypeDefinition => "Input type",
        GraphQLScalarTypeDefinition => "Scalar",
        _ => type.Kind.ToString(),
    };

    private static string Print(this GraphQLType type) => type switch
    {
        GraphQLNamedType named => named.Name.StringValue,
        GraphQLNonNullType nonNull => nonNull.Type.Print() + "!",
        GraphQLListType list => "[" + list.Type.Print() + "]",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static readonly InputValueCodes ArgumentCodes = new(SchemaChangeCodes.ArgumentRemoved, SchemaChangeCodes.RequiredArgumentAdded,
        SchemaChangeCodes.OptionalArgumentAdded, SchemaChangeCodes.ArgumentTypeChanged, SchemaChangeCodes.ArgumentTypeWidened,
        SchemaChangeCodes.ArgumentDefaultChanged, SchemaChangeCodes.ArgumentDeprecated, IsArgument: true);

    private static readonly InputValueCodes InputFieldCodes = new(SchemaChangeCodes.InputFieldRemoved, SchemaChangeCodes.RequiredInputFieldAdded,
        SchemaChangeCodes.OptionalInputFieldAdded, SchemaChangeCodes.InputFieldTypeChanged, SchemaChangeCodes.InputFieldTypeWidened,
        SchemaChangeCodes.InputFieldDefaultChanged, SchemaChangeCodes.InputFieldDeprecated, IsArgument: false);

    /// <summary>Arguments and input fields follow the same rules under their own codes and paths.</summary>
    private sealed record InputValueCodes(string Removed, string RequiredAdded, string OptionalAdded, string TypeChanged, string TypeWidened,
        string DefaultChanged, string Deprecated, bool IsArgument)
    {
        public string Path(string owner, string name) => IsArgument ? $"{owner}({name}:)" : $"{owner}.{name}";
    }
}
