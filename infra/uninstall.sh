#!/usr/bin/env bash
# Removes a CostOps deployment, printing every command it runs:
#   1. the role assignments its managed identity holds OUTSIDE the resource group (monitoring,
#      cost and GPU resource-group roles), found by the identity's principal id; deleting the
#      group would leave them behind as "unknown identity" assignments;
#   2. the resource group itself (app, plan, identity, storage, vault, monitoring and the
#      role assignments scoped inside it).
# The Key Vault is soft-deleted with the group and keeps its name for its retention period.
#
# Usage: infra/uninstall.sh -g <resource-group> [--principal-id <object-id>] [--yes] [--dry-run]
#   -g, --resource-group NAME   the group infra/deploy.sh deployed into
#   --principal-id ID           the identity's object id, if it cannot be found by its tag
#   -y, --yes                   do not ask for confirmation
#   --dry-run                   list what would be removed; change nothing
set -euo pipefail

resource_group=""
principal_id=""
assume_yes=0
dry_run=0

die() {
  echo "uninstall: $*" >&2
  exit 1
}

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
  case "$1" in
    -g | --resource-group) resource_group="${2:?$1 needs a value}"; shift 2 ;;
    --principal-id) principal_id="${2:?$1 needs a value}"; shift 2 ;;
    -y | --yes) assume_yes=1; shift ;;
    --dry-run) dry_run=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

[ -n "$resource_group" ] || die "give the resource group: -g <name>"
command -v az >/dev/null || die "the Azure CLI (az) is needed"

# Prints a command, then runs it unless this is a dry run.
run() {
  printf '+'
  printf ' %q' "$@"
  printf '\n'
  if [ "$dry_run" = 0 ]; then
    "$@"
  fi
}

group_id="$(az group show --name "$resource_group" --query id --output tsv)" \
  || die "resource group $resource_group not found (or not signed in: az login)"

if [ -z "$principal_id" ]; then
  # bicep/modules/identity.bicep tags the identity costops-role=app-identity.
  principal_id="$(az identity list --resource-group "$resource_group" \
    --query "[?tags.\"costops-role\"=='app-identity'].principalId | [0]" --output tsv)"
  [ -n "$principal_id" ] || die "no identity tagged costops-role=app-identity in $resource_group: pass --principal-id"
fi
echo "uninstall: CostOps identity principal id $principal_id"

# Every assignment of the identity in every subscription this sign-in can see (az role assignment
# list --all covers one subscription); keep those outside the group. ARM ids compare
# case-insensitively.
group_prefix="$(printf '%s' "$group_id" | tr '[:upper:]' '[:lower:]')"
outside_ids=()
outside_lines=()
while IFS= read -r subscription; do
  [ -n "$subscription" ] || continue
  while IFS=$'\t' read -r id scope role; do
    [ -n "$id" ] || continue
    lower_scope="$(printf '%s' "$scope" | tr '[:upper:]' '[:lower:]')"
    case "$lower_scope" in
      "$group_prefix" | "$group_prefix"/*) ;;
      *)
        outside_ids+=("$id")
        outside_lines+=("$role on $scope")
        ;;
    esac
  done < <(az role assignment list --subscription "$subscription" --assignee "$principal_id" --all \
    --query "[].[id, scope, roleDefinitionName]" --output tsv)
done < <(az account list --query "[?state=='Enabled'].id" --output tsv)

echo "uninstall: role assignments outside $resource_group to delete: ${#outside_ids[@]}"
if [ "${#outside_lines[@]}" -gt 0 ]; then
  printf '  %s\n' "${outside_lines[@]}"
fi
echo "uninstall: then the resource group $resource_group and everything in it"

if [ "$assume_yes" = 0 ] && [ "$dry_run" = 0 ]; then
  answer=""
  read -r -p "Delete all of this? Type the resource group name to confirm: " answer \
    || die "no answer (run with --yes to skip the question); nothing deleted"
  [ "$answer" = "$resource_group" ] || die "not confirmed; nothing deleted"
fi

if [ "${#outside_ids[@]}" -gt 0 ]; then
  run az role assignment delete --ids "${outside_ids[@]}"
fi
run az group delete --name "$resource_group" --yes

echo "uninstall: done. The vault stays soft-deleted for its retention period: az keyvault list-deleted"
