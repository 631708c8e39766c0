// The one user-assigned managed identity CostOps uses for everything: host storage, the deployment
// container, its tables, Key Vault references, Application Insights, and every Azure API it calls.
// User-assigned (not system-assigned) so its role assignments can exist before the app does, and so
// uninstall can find its assignments outside the resource group by principal id.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for the identity; a costops-role tag lets infra/uninstall.sh find it.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: union(tags, { 'costops-role': 'app-identity' })
}

@description('Resource id, for the app\'s identity block and identity-based settings.')
output id string = identity.id

@description('Object (principal) id, for role assignments.')
output principalId string = identity.properties.principalId

@description('Client id, for AzureWebJobsStorage__clientId, AZURE_CLIENT_ID and the table client.')
output clientId string = identity.properties.clientId
