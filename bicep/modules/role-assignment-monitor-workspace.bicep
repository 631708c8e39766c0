// One role assignment for the CostOps identity on an Azure Monitor workspace (managed Prometheus),
// the narrowest scope for Monitoring Data Reader. Deployed into the workspace's resource group.

targetScope = 'resourceGroup'

@description('Name of the Azure Monitor workspace (Microsoft.Monitor/accounts) in this resource group.')
param workspaceName string

@description('Object (principal) id of the CostOps identity.')
param principalId string

@description('Built-in role definition GUID (see ../roles.json).')
param roleDefinitionId string

resource workspace 'Microsoft.Monitor/accounts@2023-04-03' existing = {
  name: workspaceName
}

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workspace.id, principalId, roleDefinitionId)
  scope: workspace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
