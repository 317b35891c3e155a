using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace Coursera.Federation.Planning;

/// <summary>Prints AST fragments (arguments, directives, values, variable definitions) back to GraphQL text.</summary>
internal static class Printer
{
    private static readonly SDLPrinter Sdl = new(new SDLPrinterOptions { PrintComments = false, PrintDescriptions = false });

    public static string Print(ASTNode node) => Sdl.Print(node);
}
