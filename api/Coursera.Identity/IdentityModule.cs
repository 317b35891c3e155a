using Coursera.Documents;
using Coursera.Events;
using Coursera.Identity.Account;
using Coursera.Identity.Audit;
using Coursera.Identity.Clients;
using Coursera.Identity.Connect;
using Coursera.Identity.Data;
using Coursera.Identity.Keys;
using Coursera.Identity.Model;
using Coursera.Identity.PersonalData;
using Coursera.Identity.Subgraph;
using Coursera.Identity.Tenants;
using Coursera.Identity.Users;
using Coursera.ServiceDefaults.Data;
using Coursera.ServiceDefaults.Mail;
using Coursera.Subgraphs;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Coursera.Identity;

/// <summary>
/// The identity service's only entry points, used by its own Program and by the all-in-one host: the OpenID Connect
/// server (OpenIddict), ASP.NET Core Identity users with lockout and TOTP, tenants, memberships, API clients, the
/// audit log, and the account pages.
/// </summary>
public static class IdentityModule
{
    public static IHostApplicationBuilder AddIdentity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<IdentityServiceOptions>().Bind(builder.Configuration.GetSection(IdentityServiceOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IdentityServiceOptions>, PublicOriginRequired>();
        var settings = IdentityServiceOptions.From(builder.Configuration);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHttpContextAccessor();
        // The scoped context serves ASP.NET Core Identity and OpenIddict; resolvers that run side by side take their own
        // from the factory.
        builder.AddServiceStore<IdentityServiceDbContext>(IdentityServiceDbContext.Schema, IdentityServiceOptions.Section)
            .Seed<IdentitySeed>();

        builder.Services.AddIdentityCore<User>(options =>
            {
                // Length over composition rules (NIST SP 800-63B).
                options.Password.RequiredLength = 10;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = settings.Lockout.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = settings.Lockout.Duration;
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;

                // An account someone registered with another person's address cannot sign in, and so cannot collect
                // the roles an invitation to that address later brings.
                options.SignIn.RequireConfirmedEmail = true;
                options.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                options.ClaimsIdentity.UserNameClaimType = Claims.Name;
                options.ClaimsIdentity.RoleClaimType = Claims.Role;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<IdentityServiceDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider);
        // Two-factor secrets are kept encrypted (the TOTP key) or hashed (recovery codes).
        builder.Services.Replace(ServiceDescriptor.Scoped<IUserStore<User>, TwoFactorSecretStore>());
        builder.Services.AddAuthentication().AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(SessionCookie.Configure);
        builder.Services.Configure<SecurityStampValidatorOptions>(SessionCookie.Configure);
        builder.Services.ConfigureApplicationCookie(SignInTime.Record);
        builder.Services.AddAntiforgery(options => options.Cookie.Name = "coursera.antiforgery");
        builder.AddMail();
        builder.Services.AddSingleton<AccountMail>();
        builder.Services.AddSingleton<IEmailSender<User>>(services => services.GetRequiredService<AccountMail>());
        builder.Services.AddSingleton<AuditPseudonyms>();

        builder.Services.AddScoped<MailedLinks>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<TokenPrincipals>();
        builder.Services.AddScoped<ApiClientRegistry>();
        builder.Services.AddScoped<FirstPartyClients>();

        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerKeysSetup>();
        var requireHttps = settings.RequireHttps ?? !builder.Environment.IsDevelopment();
        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<IdentityServiceDbContext>().ReplaceDefaultEntities<Guid>())
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris(ConnectEndpoints.Authorize.TrimStart('/'))
                    .SetTokenEndpointUris(ConnectEndpoints.Token.TrimStart('/'))
                    .SetRevocationEndpointUris(ConnectEndpoints.Revoke.TrimStart('/'))
                    .SetIntrospectionEndpointUris(ConnectEndpoints.Introspect.TrimStart('/'))
                    .SetUserInfoEndpointUris(ConnectEndpoints.UserInfo.TrimStart('/'))
                    .SetEndSessionEndpointUris(ConnectEndpoints.EndSession.TrimStart('/'));
                if (settings.Issuer is { Length: > 0 } issuer)
                {
                    options.SetIssuer(new Uri(issuer));
                }

                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                options.AllowRefreshTokenFlow();
                options.AllowClientCredentialsFlow();
                options.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess, .. ApiScopes.Api, .. ApiScopes.FirstPartyOnly]);
                options.SetAccessTokenLifetime(TimeSpan.FromMinutes(15));
                options.SetRefreshTokenLifetime(settings.RefreshTokenLifetime);

                // A refresh token is good for one exchange; the second use of one revokes everything issued from the same
                // authorization (reuse detection). No grace period: a client that retries a refresh must sign in again.
                options.SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                // The keys come from ServerKeysSetup when the options are built.
                // Services validate access tokens with the published keys, so they are signed JWTs, not encrypted.
                options.DisableAccessTokenEncryption();

                options.AddEventHandler(RevocationAudit.Descriptor);

                // S256 only: the plain method would let an intercepted code be redeemed; it is neither accepted nor advertised.
                options.Configure(o => o.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

                var aspNetCore = options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (!requireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(options =>
            {
                options.UseLocalServer();
                options.UseAspNetCore();
            });

        builder.Services.AddScoped<AdministrationAccess>();
        builder.Services.AddScoped<TenantAdministration>();
        builder.Services.AddScoped<TenantInvitations>();
        builder.Services.AddSingleton<RecentSignIn>();
        builder.Services.AddScoped<AccountSecurity>();
        builder.Services.AddScoped<AuditTrail>();

        // Its part of personal-data exports and of erasure (see PersonalDataResponder).
        builder.AddDocumentStore();
        builder.AddEvents(IdentityServiceDbContext.Schema)
            .Handle<PersonalDataResponder>("identity-personal-data");
        builder.AddSubgraph<IdentitySchema>();
        return builder;
    }

    public const string GraphQLPath = "/subgraphs/identity/graphql";

    public static WebApplication MapIdentity(this WebApplication app, string graphQLPath = GraphQLPath)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapConnectEndpoints();
        app.MapAccountPages();
        app.MapSubgraph<IdentitySchema>(graphQLPath);
        return app;
    }
}
