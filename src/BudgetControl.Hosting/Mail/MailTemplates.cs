using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace BudgetControl.Hosting.Mail;

/// <summary>
/// The transactional e-mails, in English and Italian (the recipient's locale; anything that is not
/// Italian is English). A template is a subject and a text body with <c>{name}</c> placeholders; the HTML
/// part is the text, encoded, with its links made clickable.
/// </summary>
public static partial class MailTemplates
{
    public const string SignUp = "sign-up";
    public const string PasswordReset = "password-reset";
    public const string WorkspaceShared = "workspace-shared";
    public const string WorkspaceUnshared = "workspace-unshared";
    public const string BudgetThreshold = "budget-threshold";
    public const string BudgetExceeded = "budget-exceeded";

    private static readonly Dictionary<(string Template, string Language), (string Subject, string Body)> Texts = new()
    {
        [(SignUp, "en")] = ("Confirm your BudgetControl account", """
            Hello {name},

            welcome to BudgetControl. Confirm your e-mail address by opening this link:
            {link}

            (API: GET {api_link})

            If you did not sign up, ignore this message.
            """),
        [(SignUp, "it")] = ("Conferma il tuo account BudgetControl", """
            Ciao {name},

            benvenuto in BudgetControl. Conferma il tuo indirizzo e-mail aprendo questo link:
            {link}

            (API: GET {api_link})

            Se non ti sei registrato, ignora questo messaggio.
            """),
        [(PasswordReset, "en")] = ("Reset your BudgetControl password", """
            Hello {name},

            somebody (hopefully you) asked to reset your password. Choose a new one here:
            {link}

            (API: PUT {api_link} with {"password": "..."})

            The link works once and expires. If you did not ask for it, ignore this message.
            """),
        [(PasswordReset, "it")] = ("Ripristina la tua password di BudgetControl", """
            Ciao {name},

            qualcuno (speriamo tu) ha chiesto di reimpostare la tua password. Scegline una nuova qui:
            {link}

            (API: PUT {api_link} con {"password": "..."})

            Il link funziona una sola volta e scade. Se non l'hai chiesto tu, ignora questo messaggio.
            """),
        [(WorkspaceShared, "en")] = ("A workspace was shared with you on BudgetControl", """
            Hello {name},

            {by} shared the workspace "{workspace}" with you on BudgetControl (your role: {role}).

            Open it here: {link}

            If you did not expect this, you can leave the workspace from its settings page.
            """),
        [(WorkspaceShared, "it")] = ("Un workspace è stato condiviso con te su BudgetControl", """
            Ciao {name},

            {by} ha condiviso con te il workspace "{workspace}" su BudgetControl (il tuo ruolo: {role}).

            Aprilo qui: {link}

            Se non te lo aspettavi, puoi lasciare il workspace dalla sua pagina delle impostazioni.
            """),
        [(WorkspaceUnshared, "en")] = ("You have been removed from {workspace}", """
            Hello {name},

            {by} removed you from the workspace "{workspace}" on BudgetControl. Its data is no longer visible to you.
            """),
        [(WorkspaceUnshared, "it")] = ("Sei stato rimosso da {workspace}", """
            Ciao {name},

            {by} ha rimosso la condivisione del workspace "{workspace}" su BudgetControl: i suoi dati non sono più visibili per te.
            """),
        [(BudgetThreshold, "en")] = ("Budget \"{budget}\": {percent} spent", """
            Hello {name},

            the budget "{budget}" of the workspace "{workspace}" has reached {threshold}% of its amount.

            Spent: {spent} of {amount} ({percent})
            Period: {period_start} to {period_end}

            You receive this message because the budget names you as a recipient of its alerts.
            """),
        [(BudgetThreshold, "it")] = ("Budget \"{budget}\": speso il {percent}", """
            Ciao {name},

            il budget "{budget}" del workspace "{workspace}" ha raggiunto il {threshold}% del suo importo.

            Speso: {spent} su {amount} ({percent})
            Periodo: dal {period_start} al {period_end}

            Ricevi questo messaggio perché il budget ti indica come destinatario dei suoi avvisi.
            """),
        [(BudgetExceeded, "en")] = ("Budget \"{budget}\" exceeded: {percent} spent", """
            Hello {name},

            the budget "{budget}" of the workspace "{workspace}" has been exceeded.

            Spent: {spent} of {amount} ({percent})
            Period: {period_start} to {period_end}

            You receive this message because the budget names you as a recipient of its alerts.
            """),
        [(BudgetExceeded, "it")] = ("Budget \"{budget}\" superato: speso il {percent}", """
            Ciao {name},

            il budget "{budget}" del workspace "{workspace}" è stato superato.

            Speso: {spent} su {amount} ({percent})
            Periodo: dal {period_start} al {period_end}

            Ricevi questo messaggio perché il budget ti indica come destinatario dei suoi avvisi.
            """),
    };

    /// <summary>The languages the mails are written in (the locales a user may choose).</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "it"];

    /// <summary>
    /// The mail language a locale names ("it", "it-IT", "EN_us" ...), or null when its language is not one of
    /// <see cref="Languages"/>: for requests that choose a locale explicitly and must refuse an unknown one.
    /// </summary>
    public static string? SupportedLanguage(string? locale)
    {
        var primary = locale?.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Languages.FirstOrDefault(l => l == primary);
    }

    /// <summary>"it" for an Italian locale ("it", "it-IT", ...), otherwise "en".</summary>
    public static string Language(string? locale) =>
        locale is { Length: >= 2 } l && l.StartsWith("it", StringComparison.OrdinalIgnoreCase) ? "it" : "en";

    /// <summary>The culture that formats amounts, percentages and dates in a mail of the locale's language.</summary>
    public static CultureInfo Culture(string? locale) =>
        CultureInfo.GetCultureInfo(Language(locale) == "it" ? "it-IT" : "en-US");

    /// <summary>A day for people in the mail's culture ("1 March 2028", "1 marzo 2028").</summary>
    public static string Day(DateOnly day, CultureInfo culture) => day.ToString("d MMMM yyyy", culture);

    /// <summary>The subject, text and HTML of <paramref name="template"/> in the locale's language, with the values filled in.</summary>
    public static (string Subject, string Text, string Html) Render(string template, string? locale, IReadOnlyDictionary<string, string> values)
    {
        var (subject, body) = Texts[(template, Language(locale))];
        var text = Fill(body, values, encode: false);
        var html = "<!DOCTYPE html><html><body><p>"
            + Fill(WebUtility.HtmlEncode(body), values, encode: true).Replace("\n\n", "</p><p>", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal)
            + "</p></body></html>";
        return (Fill(subject, values, encode: false), text, html);
    }

    /// <summary>
    /// Replaces each <c>{key}</c> of the template in one pass, so a value (a user or workspace name) that itself
    /// contains <c>{link}</c> is shown as typed and never filled. In HTML, values are encoded and only the values
    /// of link keys (<c>link</c>, <c>*_link</c>) become anchors, whatever other values look like.
    /// </summary>
    private static string Fill(string text, IReadOnlyDictionary<string, string> values, bool encode) =>
        Placeholder().Replace(text, m =>
        {
            var key = m.Groups[1].Value;
            if (!values.TryGetValue(key, out var value))
            {
                return m.Value;
            }
            if (!encode)
            {
                return value;
            }
            var html = WebUtility.HtmlEncode(value);
            return IsLink(key) ? $"<a href=\"{html}\">{html}</a>" : html;
        });

    private static bool IsLink(string key) => key == "link" || key.EndsWith("_link", StringComparison.Ordinal);

    [GeneratedRegex(@"\{([a-z_]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
