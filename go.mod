module github.com/policecloud/landingzones

go 1.26
