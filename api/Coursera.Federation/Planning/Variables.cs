using GraphQLParser.AST;

namespace Coursera.Federation.Planning;

internal static class Variables
{
    public static void Collect(GraphQLValue? value, HashSet<string> names)
    {
        switch (value)
        {
            case GraphQLVariable variable:
                names.Add(variable.Name.StringValue);
                break;
            case GraphQLListValue list:
                foreach (var item in list.Values ?? [])
                {
                    Collect(item, names);
                }

                break;
            case GraphQLObjectValue obj:
                foreach (var field in obj.Fields ?? [])
                {
                    Collect(field.Value, names);
                }

                break;
        }
    }

    public static void Collect(GraphQLDirectives? directives, HashSet<string> names)
    {
        foreach (var directive in directives?.Items ?? [])
        {
            foreach (var argument in directive.Arguments?.Items ?? [])
            {
                Collect(argument.Value, names);
            }
        }
    }
}
