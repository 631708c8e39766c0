// The vault for the few secrets CostOps cannot avoid (OpenAI and Anthropic admin keys, the Teams
// Workflows webhook URL). Azure RBAC authorization, no access policies. The app reads secrets only
// through Key Vault references in its app settings, resolved with its user-assigned identity.
// No secret value is ever part of this template: operators set them with `az keyvault secret set`.

@description('Key Vault name: 3-24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the vault.')
param tags object = {}

@description('Object (principal) id of the CostOps identity (gets Key Vault Secrets User).')
param principalId string

// An object id and a principal type, not secrets: the lint rule matches the word "secrets" in the names.
@description('Object id of whoever sets the secrets (gets Key Vault Secrets Officer on this vault only); empty for none.')
#disable-next-line secure-secrets-in-params
param secretsOfficerPrincipalId string = ''

// A principal type, not a secret (see secretsOfficerPrincipalId).
@description('Principal type of secretsOfficerPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
#disable-next-line secure-secrets-in-params
param secretsOfficerPrincipalType string = 'User'

@description('Days a deleted vault or secret stays recoverable.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Purge protection: a deleted vault cannot be purged before its retention ends (its name stays taken until then).')
param enablePurgeProtection bool = true

var roles = loadJsonContent('../roles.json')

var vaultProperties = {
  tenantId: subscription().tenantId
  sku: {
    family: 'A'
    name: 'standard'
  }
  enableRbacAuthorization: true
  enableSoftDelete: true
  softDeleteRetentionInDays: softDeleteRetentionInDays
  enabledForDeployment: false
  enabledForDiskEncryption: false
  enabledForTemplateDeployment: false
  publicNetworkAccess: 'Enabled'
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  // The service refuses an explicit enablePurgeProtection: false, so it is left out when off.
  properties: enablePurgeProtection ? union(vaultProperties, { enablePurgeProtection: true }) : vaultProperties
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, roles.KeyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.KeyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(secretsOfficerPrincipalId)) {
  name: guid(vault.id, secretsOfficerPrincipalId, roles.KeyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.KeyVaultSecretsOfficer)
    principalId: secretsOfficerPrincipalId
    principalType: secretsOfficerPrincipalType
  }
}

@description('Vault name.')
output name string = vault.name

@description('Vault URI (ends with a slash), for Key Vault references.')
output uri string = vault.properties.vaultUri
