#!/usr/bin/env bash
# Deploys CostOps to Azure in two steps, printing every command it runs (azd up does the same from
# azure.yaml; this script is for those without azd):
#   1. bicep/main.bicep into a resource group (Flex Consumption app on the .NET isolated worker, its
#      one managed identity, storage, Key Vault, Application Insights, role assignments);
#   2. the app package (scripts/publish.sh: artifacts/costops-app.zip) to the app.
# It refuses to start when the package is not a published isolated-worker app (host.json,
# functions.metadata and worker.config.json at its root), and refuses to deploy the package when it
# has no workload catalog, a Key Vault secret the settings refer to is missing, a telemetry source's
# ApiKeySetting names no app setting, or a role scope in the parameters was not granted.
#
# Usage: infra/deploy.sh -g <resource-group> -p <parameters.json> [options]
#   -g, --resource-group NAME   target resource group
#   -p, --parameters FILE       ARM parameters file (start from infra/parameters.example.json)
#   -l, --location REGION       create (or update) the resource group in REGION first
#   --catalog FILE              put FILE into the package at the template's catalogPath
#   --zip FILE                  the staged app (default: artifacts/costops-app.zip)
#   --no-secrets-officer        do not grant the signed-in user Key Vault Secrets Officer
#   --skip-secret-check         zip-deploy even if a referenced secret is missing or unreadable
#   --dry-run                   check the package and print the commands; change nothing
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
template="$root/bicep/main.bicep"
zip_file="$root/artifacts/costops-app.zip"
resource_group=""
parameters=""
location=""
catalog=""
secrets_officer=1
secret_check=1
dry_run=0

die() {
  echo "deploy: $*" >&2
  exit 1
}

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
  case "$1" in
    -g | --resource-group) resource_group="${2:?$1 needs a value}"; shift 2 ;;
    -p | --parameters) parameters="${2:?$1 needs a value}"; shift 2 ;;
    -l | --location) location="${2:?$1 needs a value}"; shift 2 ;;
    --catalog) catalog="${2:?$1 needs a value}"; shift 2 ;;
    --zip) zip_file="${2:?$1 needs a value}"; shift 2 ;;
    --no-secrets-officer) secrets_officer=0; shift ;;
    --skip-secret-check) secret_check=0; shift ;;
    --dry-run) dry_run=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

[ -n "$resource_group" ] || die "give the resource group: -g <name>"
[ -n "$parameters" ] || die "give a parameters file: -p <file> (copy infra/parameters.example.json and fill in your scopes)"
[ -f "$parameters" ] || die "parameters file not found: $parameters"
[ -f "$template" ] || die "template not found: $template"
[ -z "$catalog" ] || [ -f "$catalog" ] || die "catalog file not found: $catalog"

# Prints a command, then runs it unless this is a dry run.
run() {
  printf '+'
  printf ' %q' "$@"
  printf '\n'
  if [ "$dry_run" = 0 ]; then
    "$@"
  fi
}

# A published isolated-worker app: the host reads host.json, finds the functions in functions.metadata
# and starts the worker that worker.config.json names. All three sit at the root of the package.
check_package() {
  local package="$1" entries file
  entries="$(zipinfo -1 "$package" 2>/dev/null)" || die "$package is not a zip file"
  for file in host.json functions.metadata worker.config.json; do
    # A here-string, not a pipe: grep -q stops reading early, which pipefail would report as a failure.
    grep -Fxq "$file" <<<"$entries" \
      || die "$package has no $file at its root: it is not a published app; build it with scripts/publish.sh"
  done
}

command -v zipinfo >/dev/null || die "zipinfo is needed (Debian/Ubuntu: apt-get install unzip)"
[ -z "$catalog" ] || command -v zip >/dev/null || die "zip is needed to add the catalog (apt-get install zip)"
[ "$dry_run" = 1 ] || command -v az >/dev/null || die "the Azure CLI (az) is needed"

echo "deploy: checking $zip_file"
[ -f "$zip_file" ] || die "no app package at $zip_file: run scripts/publish.sh first"
check_package "$zip_file"

if [ "$dry_run" = 0 ]; then
  az account show --query '{subscription:name, id:id, user:user.name}' -o tsv >/dev/null \
    || die "not signed in: run az login (and az account set -s <subscription>)"
fi

if [ -n "$location" ]; then
  echo "deploy: resource group $resource_group in $location"
  run az group create --name "$resource_group" --location "$location" --output none
fi

officer_args=()
if [ "$secrets_officer" = 1 ] && [ "$dry_run" = 0 ]; then
  if officer_id="$(az ad signed-in-user show --query id -o tsv 2>/dev/null)" && [ -n "$officer_id" ]; then
    echo "deploy: the signed-in user ($officer_id) gets Key Vault Secrets Officer on the CostOps vault"
    officer_args=(--parameters "secretsOfficerPrincipalId=$officer_id")
  else
    echo "deploy: signed in as a service principal; set secretsOfficerPrincipalId in the parameters to manage secrets"
  fi
fi

deployment="costops-$(date -u +%Y%m%d%H%M%S)"
echo "deploy: infrastructure ($template) as deployment $deployment"
run az deployment group create \
  --resource-group "$resource_group" \
  --name "$deployment" \
  --template-file "$template" \
  --parameters "@$parameters" \
  ${officer_args[@]+"${officer_args[@]}"} \
  --output none

# One deployment output, as text (arrays one item a line).
output() {
  if [ "$dry_run" = 1 ]; then
    case "$1" in
      catalogPath) sed -n "s/^param catalogPath string = '\(.*\)'$/\1/p" "$template" ;;
      keyVaultSecretNames | ignoredRoleScopes | unsetApiKeySettings) ;;
      *) echo "<$1>" ;;
    esac
    return
  fi
  az deployment group show --resource-group "$resource_group" --name "$deployment" \
    --query "properties.outputs.$1.value" --output tsv
}

app="$(output functionAppName)"
vault="$(output keyVaultName)"
catalog_path="$(output catalogPath)"
echo "deploy: function app $app, vault $vault, identity $(output identityPrincipalId)"

ignored="$(output ignoredRoleScopes)"
if [ -n "$ignored" ]; then
  echo "deploy: these role scopes were NOT granted (not a subscription, resource group or Azure Monitor workspace id; gpuResourceGroupIds takes resource groups only):" >&2
  printf '%s\n' "$ignored" | sed 's/^/  /' >&2
  die "fix the parameters and run again"
fi

unset_keys="$(output unsetApiKeySettings)"
if [ -n "$unset_keys" ]; then
  echo "deploy: these ApiKeySetting names in telemetrySources are no app setting, so the app would stop at start-up:" >&2
  printf '%s\n' "$unset_keys" | sed 's/^/  /' >&2
  die "add each to keyVaultSecrets (setting name -> secret name) and run again"
fi

package="$zip_file"
if [ -n "$catalog" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  package="$work/costops-app.zip"
  echo "deploy: adding $catalog to the package as $catalog_path"
  cp "$zip_file" "$package"
  mkdir -p "$work/content/$(dirname "$catalog_path")"
  cp "$catalog" "$work/content/$catalog_path"
  (cd "$work/content" && zip -q "$package" "$catalog_path")
  check_package "$package"
fi
grep -Fxq "$catalog_path" <<<"$(zipinfo -1 "$package")" \
  || die "the package has no $catalog_path, so the app would stop at start-up (CostOps:Catalog:Path): pass --catalog <file>"

if [ "$secret_check" = 1 ] && [ "$dry_run" = 0 ]; then
  missing=()
  while IFS= read -r secret; do
    [ -n "$secret" ] || continue
    if ! az keyvault secret show --vault-name "$vault" --name "$secret" --query id --output tsv >/dev/null 2>&1; then
      missing+=("$secret")
    fi
  done < <(output keyVaultSecretNames)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "deploy: these secrets are missing from $vault, or not readable yet (a new role assignment can take minutes):" >&2
    for secret in "${missing[@]}"; do
      echo "  az keyvault secret set --vault-name $vault --name $secret --file <file holding the value>" >&2
    done
    die "set them (or drop them from keyVaultSecrets) and run again, or pass --skip-secret-check"
  fi
fi

# On Flex Consumption this uploads the package to the app's deployment container (one deploy).
echo "deploy: application package $package"
run az functionapp deployment source config-zip \
  --resource-group "$resource_group" \
  --name "$app" \
  --src "$package" \
  --output none

echo "deploy: done. https://$(output functionAppHostName) ; function keys: az functionapp keys list -g $resource_group -n $app"
