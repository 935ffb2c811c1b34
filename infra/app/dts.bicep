// Durable Task Scheduler (the durable backend named by host.json's `azureManaged` storage provider) + task hub.
param name string
param taskHubName string
@allowed(['Consumption', 'Dedicated'])
param skuName string = 'Consumption'
param location string
param tags object = {}
@description('Client networks allowed to reach the scheduler; an empty list denies all traffic.')
param ipAllowlist array = ['0.0.0.0/0']
@description('Finished orchestrations (and their history) are purged after this many days.')
@minValue(1)
param retentionDays int = 30

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    ipAllowlist: ipAllowlist
    sku: skuName == 'Dedicated' ? { name: 'Dedicated', capacity: 1 } : { name: 'Consumption' }
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01' = {
  parent: scheduler
  name: taskHubName
}

resource retention 'Microsoft.DurableTask/schedulers/retentionPolicies@2025-11-01' = {
  parent: scheduler
  name: 'default'
  properties: {
    retentionPolicies: [{ retentionPeriodInDays: retentionDays }]
  }
}

output schedulerName string = scheduler.name
output taskHubName string = taskHub.name
output endpoint string = scheduler.properties.endpoint
output dashboardUrl string = taskHub.properties.dashboardUrl
