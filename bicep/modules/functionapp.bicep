// The Flex Consumption (FC1, Linux) plan and the function app running CostOps on the .NET isolated
// worker. On Flex the stack is functionAppConfig.runtime (no FUNCTIONS_WORKER_RUNTIME setting), the
// package comes from a blob container read with the user-assigned identity, and app settings may
// refer to Key Vault secrets, resolved with that same identity.

@description('Flex Consumption plan name.')
param planName string

@description('Function app name (globally unique host name).')
param appName string

@description('Azure region.')
param location string

@description('Tags for the plan and the app.')
param tags object = {}

@description('The azure.yaml service deployed to this app (azd finds the app by its azd-service-name tag).')
param azdServiceName string

@description('Resource id of the CostOps user-assigned identity.')
param identityId string

@description('URL of the blob container the app deploys its package from.')
param deploymentContainerUrl string

@description('Memory per instance, in MB.')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('App settings other than Key Vault references.')
param appSettings object

@description('Vault URI ending with a slash, e.g. https://kv-name.vault.azure.net/.')
param keyVaultUri string

// Secret NAMES by app setting name, not secret values: the lint rule matches the word in the name.
@description('Key Vault references: app setting name -> secret name; empty secret names are skipped.')
#disable-next-line secure-secrets-in-params
param keyVaultSecretSettings object = {}

// The app is built for net10.0 (functions/CostOps.Functions.csproj): the stack must match it.
var runtime = {
  name: 'dotnet-isolated'
  version: '10.0'
}

// No version in the reference: the app follows the secret's latest version (re-read within 24 hours,
// or at once on any configuration change).
var usedSecrets = filter(items(keyVaultSecretSettings), secret => !empty(secret.value))
var secretReferences = toObject(usedSecrets, secret => secret.key, secret => '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secret.value}/)')

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: runtime
    }
  }
}

// The whole app settings collection: anything set outside this template is replaced on deploy.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, secretReferences)
}

@description('Function app name.')
output name string = site.name

@description('Default host name (https://<name>/api/...).')
output defaultHostName string = site.properties.defaultHostName
