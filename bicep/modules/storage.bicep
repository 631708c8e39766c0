// The CostOps storage account: Functions host storage (AzureWebJobsStorage), the Flex Consumption
// deployment container and the CostOps tables. Identity only: shared keys (and so account SAS and
// connection strings) are refused by the account itself.

@description('Storage account name: 3-24 lowercase letters and digits, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the account.')
param tags object = {}

@description('Blob container the Flex Consumption app deploys its package from.')
param deploymentContainerName string

@description('CostOps tables to create (names are part of the product; a missing table is an error for the app).')
param tableNames array

@description('Object (principal) id of the CostOps identity.')
param principalId string

@description('Also grant Storage Queue Data Contributor. Timer and HTTP functions do not need it; the nightly fan-out (a queue trigger on AzureWebJobsStorage, and the app enqueuing shards) does.')
param grantQueueAccess bool = false

@description('Storage queues to create (the nightly fan-out\'s shard queue and its poison queue); none by default.')
param queueNames array = []

var roles = loadJsonContent('../roles.json')

// Host storage needs blob read/write, leases and container creation (Storage Blob Data Owner covers
// the host, timer locks and the deployment container). Table Data Contributor serves the CostOps
// tables and the host's diagnostic events. Nothing here is granted beyond this one account.
var hostAndTableRoles = [
  roles.StorageBlobDataOwner
  roles.StorageTableDataContributor
]
var storageRoles = grantQueueAccess ? concat(hostAndTableRoles, [roles.StorageQueueDataContributor]) : hostAndTableRoles

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storageAccount
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storageAccount
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for tableName in tableNames: {
  parent: tableService
  name: tableName
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = if (!empty(queueNames)) {
  parent: storageAccount
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for queueName in queueNames: {
  parent: queueService
  name: queueName
}]

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for roleId in storageRoles: {
  name: guid(storageAccount.id, principalId, roleId)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}]

@description('Account name.')
output name string = storageAccount.name

@description('Blob endpoint, for AzureWebJobsStorage__blobServiceUri.')
output blobEndpoint string = storageAccount.properties.primaryEndpoints.blob

@description('Queue endpoint, for AzureWebJobsStorage__queueServiceUri (only when a function binds a Storage queue).')
output queueEndpoint string = storageAccount.properties.primaryEndpoints.queue

@description('Table endpoint, for CostOps__Storage__TableEndpoint.')
output tableEndpoint string = storageAccount.properties.primaryEndpoints.table

@description('URL of the deployment container, for functionAppConfig.deployment.storage.')
output deploymentContainerUrl string = '${storageAccount.properties.primaryEndpoints.blob}${deploymentContainer.name}'
