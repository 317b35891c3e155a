using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Coursera.Identity.Account;

/// <summary>
/// The small server-rendered pages of sign-in: plain, accessible HTML forms (labels tied to inputs, errors announced
/// with <c>role="alert"</c>), no script. Every value is HTML-encoded; every form carries an antiforgery token.
/// </summary>
internal sealed class Page(string title)
{
    private readonly StringBuilder _body = new();

    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    public Page Heading(string text)
    {
        _body.Append("<h1>").Append(Encode(text)).Append("</h1>\n");
        return this;
    }

    public Page Paragraph(string text)
    {
        _body.Append("<p>").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    public Page Alert(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            _body.Append("<p role=\"alert\" class=\"error\">").Append(Encode(text)).Append("</p>\n");
        }

        return this;
    }

    public Page Link(string href, string text)
    {
        _body.Append("<p><a href=\"").Append(Encode(href)).Append("\">").Append(Encode(text)).Append("</a></p>\n");
        return this;
    }

    /// <param name="submit">The submit button's text; null when <paramref name="fields"/> adds its own buttons.</param>
    public Page Form(HttpContext http, IAntiforgery antiforgery, string action, Action<FormBuilder> fields, string? submit)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        _body.Append("<form method=\"post\" action=\"").Append(Encode(action)).Append("\">\n");
        _body.Append("<input type=\"hidden\" name=\"").Append(Encode(tokens.FormFieldName)).Append("\" value=\"")
            .Append(Encode(tokens.RequestToken)).Append("\">\n");
        fields(new FormBuilder(_body));
        if (submit is not null)
        {
            _body.Append("<button type=\"submit\">").Append(Encode(submit)).Append("</button>\n");
        }

        _body.Append("</form>\n");
        return this;
    }

    public IResult Result(int statusCode = StatusCodes.Status200OK) => new SecurityHeaders.Secured(Results.Content(
        $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encode(title)}} · Coursera</title>
        <style>{{SecurityHeaders.Style}}</style>
        </head>
        <body><main>
        {{_body}}</main></body>
        </html>
        """,
        "text/html; charset=utf-8",
        statusCode: statusCode));

    public sealed class FormBuilder(StringBuilder body)
    {
        public FormBuilder Input(string name, string label, string type = "text", string? value = null, string? autocomplete = null)
        {
            body.Append("<label for=\"").Append(Encode(name)).Append("\">").Append(Encode(label)).Append("</label>\n")
                .Append("<input id=\"").Append(Encode(name)).Append("\" name=\"").Append(Encode(name)).Append("\" type=\"").Append(Encode(type)).Append('"');
            if (value is not null)
            {
                body.Append(" value=\"").Append(Encode(value)).Append('"');
            }

            if (autocomplete is not null)
            {
                body.Append(" autocomplete=\"").Append(Encode(autocomplete)).Append('"');
            }

            body.Append(">\n");
            return this;
        }

        public FormBuilder Hidden(string name, string? value)
        {
            body.Append("<input type=\"hidden\" name=\"").Append(Encode(name)).Append("\" value=\"").Append(Encode(value)).Append("\">\n");
            return this;
        }

        public FormBuilder Button(string name, string value, string text)
        {
            body.Append("<button type=\"submit\" name=\"").Append(Encode(name)).Append("\" value=\"").Append(Encode(value)).Append("\">")
                .Append(Encode(text)).Append("</button>\n");
            return this;
        }
    }
}
