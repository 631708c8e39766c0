// One role assignment for the CostOps identity at a subscription (deployed with scope: subscription(id)).

targetScope = 'subscription'

@description('Object (principal) id of the CostOps identity.')
param principalId string

@description('Built-in role definition GUID (see ../roles.json).')
param roleDefinitionId string

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, roleDefinitionId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
